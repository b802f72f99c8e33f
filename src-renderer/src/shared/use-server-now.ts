// The server's clock, ticking every periodMs: countdowns and overdue checks follow the server,
// whose clock and this machine's may differ (the app slice measures the offset at each load).
import { appSlice } from '../state/app/app-slice';
import { useSlice } from '../state/context';
import { useNow } from './use-now';

export function useServerNow(periodMs = 1000): number {
  const now = useNow(periodMs);
  const offset = useSlice(appSlice, (s) => s.serverOffsetMs);
  return now + (offset ?? 0);
}
