// One page per browser profile does a thing (plays the alarm sound, runs the consultation
// endpoint): a Web Lock by name. The first page to ask holds it until it lets go or closes; the
// next one waiting then takes over. Where the browser has no Web Locks, every page holds it.

export interface ProfileLock {
  /** Lets go (or stops waiting); the next page waiting for the lock takes over. */
  release(): void;
}

/**
 * Calls `onHeld` once this page holds the lock `name`; `onWaiting` at once when another page of
 * this profile holds it. Nothing is called after release().
 */
export function holdProfileLock(name: string, onHeld: () => void, onWaiting: () => void): ProfileLock {
  if (!navigator.locks) {
    onHeld();
    return { release: () => undefined };
  }
  let released = false;
  let letGo: (() => void) | undefined;
  onWaiting();
  void navigator.locks.request(name, () => {
    if (released) return;
    onHeld();
    return new Promise<void>((resolve) => (letGo = resolve));
  });
  return {
    release: () => {
      released = true;
      letGo?.();
    },
  };
}
