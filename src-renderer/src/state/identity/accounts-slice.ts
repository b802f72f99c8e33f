// Who may sign in, for an administrator (首次登录码, issue 14): every active person with whether
// they have a password and whether a one-time code is waiting for them, and issuing one. A data
// folder from before sign-in existed has nobody with a password: the first administrator's code
// is issued from the bootstrap token's page (or the desktop host's own window), everyone else's by
// that administrator. The code is shown once, here, and kept on the hub only as a hash.
import type { Account, PasswordCodeIssued } from '@contract/identity';
import { defineSlice } from '../slice';

// Twin in shape of machines-slice.ts (a list and the one-time code issued last, from the one slice factory); other records, kept apart on purpose.
export interface AccountsState {
  accounts: Account[];
  /** The code issued last on this page (shown until the next, or until the page reloads). */
  issued: PasswordCodeIssued | null;
}

export const accountsSlice = defineSlice({
  name: 'accounts',
  loadAs: 'listAccounts',
  initial: (): AccountsState => ({ accounts: [], issued: null }),
  async load(t) {
    return { accounts: await t.client.call('auth.listAccounts', {}) };
  },
  events: {
    // A person added, changed or leaving the roster changes the list.
    'duty.rosterChanged': (p, t) => {
      if (p.reason === 'people' || p.reason === 'import' || p.reason === 'demo') void t.reload();
    },
  },
  commands: (t) => ({
    issuePasswordCode: async (personId: string) => {
      const issued = await t.client.call('auth.issuePasswordCode', { personId });
      t.set((s) => ({ issued, accounts: s.accounts.map((a) => (a.personId === personId ? { ...a, codeExpiresAt: issued.expiresAt } : a)) }));
      return issued;
    },
  }),
});
