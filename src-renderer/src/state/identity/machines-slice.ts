// The district's enrolled machines and their one-time codes (终端管理, issue 14): the list (kind,
// street, name, enrolled, last seen and from where), issuing a code for a machine of a kind,
// revoking one; signing a person out everywhere; rotating the hub's bootstrap token.
import type { EnrolCodeIssued, Machine, MachineKind } from '@contract/identity';
import type { StreetName } from '@contract/yuexiu';
import { defineSlice } from '../slice';

// Twin in shape of accounts-slice.ts (a list and the one-time code issued last, from the one slice factory); other records, kept apart on purpose.
export interface MachinesState {
  machines: Machine[];
  /** The code issued last on this page (shown until the next, or until it expires). */
  issued: EnrolCodeIssued | null;
}

export const machinesSlice = defineSlice({
  name: 'machines',
  loadAs: 'listMachines',
  initial: (): MachinesState => ({ machines: [], issued: null }),
  async load(t) {
    return { machines: await t.client.call('auth.listMachines', {}) };
  },
  events: {
    'auth.machinesChanged': (_p, t) => void t.reload(),
  },
  commands: (t) => ({
    issueEnrolCode: async (kind: MachineKind, street: StreetName | undefined) => {
      const issued = await t.client.call('auth.issueEnrolCode', street ? { kind, street } : { kind });
      t.set({ issued });
      return issued;
    },
    clearIssued: () => {
      t.set({ issued: null });
      return Promise.resolve(true);
    },
    revokeMachine: async (machineId: string) => {
      const m = await t.client.call('auth.revokeMachine', { machineId });
      t.set((s) => ({ machines: s.machines.map((x) => (x.id === m.id ? m : x)) }));
      return m;
    },
    signOutPerson: (personId: string) => t.client.call('auth.signOutPerson', { personId }),
    rotateBootstrapToken: () => t.client.call('auth.rotateBootstrapToken', {}),
  }),
});
