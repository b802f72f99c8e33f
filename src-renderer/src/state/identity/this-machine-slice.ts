// Which enrolled machine this page is (null: the bootstrap token, or an app window), and the
// rights its kind gives without anyone signed in (a wall: role wall's; a street centre: role
// street's; a console: none). With the identity slice's session it decides what the console
// shows (use-rights.ts); the hub checks every call regardless.
import type { ActorRule, Machine } from '@contract/identity';
import type { Right } from '@contract/rights';
import { defineSlice } from '../slice';
import { adoptMachineCredential } from './machine-credential';

export interface ThisMachineState {
  machine: Machine | null;
  /** The rights of the machine's kind; null when the page is no enrolled machine (unrestricted until someone signs in). */
  rights: Right[] | null;
  /**
   * How this page, while nobody is signed in on it, names the acting person of a write
   * (contract/identity.ts ActorRule): `session` shows no 当前操作人 choice, only the sign-in box.
   */
  actorRule: ActorRule;
}

/**
 * The rule of a page that is no enrolled machine: the hub says (the desktop host's windows and the
 * token's console pages sign in once set-up is over; the console page's socket says it is one).
 */
async function pageRule(call: () => Promise<{ rule: ActorRule }>): Promise<ActorRule> {
  try {
    return (await call()).rule;
  } catch {
    return 'choose'; // a hub from before the rule: as before (it still checks every call)
  }
}

export const thisMachineSlice = defineSlice({
  name: 'thisMachine',
  loadAs: 'getMachine',
  initial: (): ThisMachineState => ({ machine: null, rights: null, actorRule: 'choose' }),
  async load(t) {
    // A page just enrolled has its credential in the address: keep it, and take it off the address.
    if (typeof window !== 'undefined') adoptMachineCredential();
    const machine = await t.client.call('auth.getMachine', {});
    if (!machine) return { machine: null, rights: null, actorRule: await pageRule(() => t.client.call('auth.getActorRule', {})) };
    if (machine.kind === 'console') return { machine, rights: [], actorRule: 'session' as ActorRule };
    const roles = await t.client.call('auth.listRoles', {});
    const role = machine.kind === 'wall' ? 'wall' : 'street';
    return {
      machine,
      rights: roles.find((r) => r.role === role)?.rights ?? [],
      actorRule: (machine.kind === 'street' ? 'street' : 'session') satisfies ActorRule as ActorRule,
    };
  },
  events: {
    'auth.rolesChanged': (_p, t) => void t.reload(),
    // Someone signed in somewhere: the first set-up is over, a desktop window's or the token's
    // console page's rule may now be `session`.
    'auth.signedInChanged': (_p, t) => {
      if (t.get().machine === null) void t.reload();
    },
  },
});
