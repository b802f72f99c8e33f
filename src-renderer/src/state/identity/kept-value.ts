// One string this page keeps in Web Storage under one key (the machine credential in localStorage,
// the signed-in session's id in sessionStorage). Reading and writing never throw: storage may be
// missing (a test, a locked-down browser) or refuse (full, disabled), and the page then goes on
// without it (the cookie still admits the page; a reload needs a new sign-in).
export interface KeptValue {
  read(): string | null;
  /** null removes it. */
  write(value: string | null): void;
}

export function keptValue(where: 'localStorage' | 'sessionStorage', key: string): KeptValue {
  const storage = (): Storage | null => {
    try {
      return typeof globalThis[where] === 'undefined' ? null : globalThis[where];
    } catch {
      return null;
    }
  };
  return {
    read() {
      try {
        return storage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    write(value) {
      const s = storage();
      if (!s) return;
      try {
        if (value) s.setItem(key, value);
        else s.removeItem(key);
      } catch {
        // refused: see above
      }
    },
  };
}
