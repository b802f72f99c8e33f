// The current time, re-rendered on each second boundary so clocks tick together.
import { useEffect, useState } from 'react';

export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (): void => {
      // Aim just past the boundary, so the displayed second never lags by most of a second.
      timer = setTimeout(tick, periodMs - (Date.now() % periodMs) + 5);
    };
    const tick = (): void => {
      setNow(Date.now());
      schedule();
    };
    schedule();
    return () => clearTimeout(timer);
  }, [periodMs]);
  return now;
}
