// Bursts of events (a demo load, an import) debounced into one action.

export interface Debounced {
  (): void;
  /** Drops a pending call. */
  cancel(): void;
}

export function debounced(fn: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  return Object.assign(call, {
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  });
}
