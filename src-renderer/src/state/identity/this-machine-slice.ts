// Which enrolled machine this page is (null: the bootstrap token, or an app window), and the
// rights its kind gives without anyone signed in (a wall: role wall's; a street centre: role
// street's; a console: none). With the identity slice's session it decides what the console
// shows (use-rights.ts); the hub checks every call regardless.
import type { Machine } from '@contract/identity';
import type { Right } from '@contract/rights';
import { defineSlice } from '../slice';
import { adoptMachineCredential } from './machine-credential';

export interface ThisMachineState {
  machine: Machine | null;
  /** The rights of the machine's kind; null when the page is no enrolled machine (unrestricted until someone signs in). */
  rights: Right[] | null;
}

export const thisMachineSlice = defineSlice({
  name: 'thisMachine',
  loadAs: 'getMachine',
  initial: (): ThisMachineState => ({ machine: null, rights: null }),
  async load(t) {
    // A page just enrolled has its credential in the address: keep it, and take it off the address.
    if (typeof window !== 'undefined') adoptMachineCredential();
    const machine = await t.client.call('auth.getMachine', {});
    if (!machine) return { machine: null, rights: null };
    if (machine.kind === 'console') return { machine, rights: [] };
    const roles = await t.client.call('auth.listRoles', {});
    const role = machine.kind === 'wall' ? 'wall' : 'street';
    return { machine, rights: roles.find((r) => r.role === role)?.rights ?? [] };
  },
  events: {
    'auth.rolesChanged': (_p, t) => void t.reload(),
  },
});
