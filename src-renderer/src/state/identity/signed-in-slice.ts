// Who is signed in now at which console (auth.listSignedIn, issue 14), for the wall's duty slot:
// read again whenever someone signs in or out, or a console closes (auth.signedInChanged).
import type { SignedInConsole } from '@contract/identity';
import { defineSlice } from '../slice';

export interface SignedInState {
  /** Oldest sign-in first; null until read (or where this page may not read it). */
  list: SignedInConsole[] | null;
}

export const signedInSlice = defineSlice({
  name: 'signedIn',
  loadAs: 'listSignedIn',
  initial: (): SignedInState => ({ list: null }),
  async load(t) {
    return { list: await t.client.call('auth.listSignedIn', {}) };
  },
  events: {
    'auth.signedInChanged': (_p, t) => void t.reload(),
  },
});

/** Where a person is signed in, as the slot says it: the machine's name, or the host's own window/page. */
export function consoleName(c: SignedInConsole, host: string): string {
  return c.machineName ?? host;
}
