// The directory (LDAP) people may sign in against (目录登录, issue 14): as saved (the service
// account's password never comes back, only whether there is one), and saving it (settings.admin).
import type { Directory, DirectoryInput } from '@contract/identity';
import { defineSlice } from '../slice';

export interface DirectoryState {
  /** Null: none configured (local passwords only). */
  directory: Directory | null;
}

export const directorySlice = defineSlice({
  name: 'directory',
  loadAs: 'getDirectory',
  initial: (): DirectoryState => ({ directory: null }),
  async load(t) {
    return { directory: await t.client.call('auth.getDirectory', {}) };
  },
  commands: (t) => ({
    saveDirectory: async (directory: DirectoryInput) => {
      const saved = await t.client.call('auth.saveDirectory', { directory });
      t.set({ directory: saved });
      return saved;
    },
  }),
});
