// What the console may offer: the rights of the person signed in here, else those of this
// machine's kind, else (the bootstrap token's first set-up, an app window nobody signed in on)
// everything. Hiding is a courtesy: the hub refuses a call without the right in any case.
import { mayCall, type Right } from '@contract/rights';
import { useSlice } from '../context';
import { identitySlice } from './identity-slice';
import { thisMachineSlice } from './this-machine-slice';

/** The rights in force on this page; undefined means unrestricted. */
export function rightsInForce(session: { rights: Right[] } | null, machineRights: Right[] | null): ReadonlySet<Right> | undefined {
  if (session) return new Set(session.rights);
  return machineRights === null ? undefined : new Set(machineRights);
}

/** Whether this page may call methods needing each right; one boolean per right asked. */
export function useMayCall(...rights: Right[]): boolean[] {
  const session = useSlice(identitySlice, (s) => s.session);
  const machineRights = useSlice(thisMachineSlice, (s) => s.rights);
  const inForce = rightsInForce(session, machineRights);
  return rights.map((r) => mayCall(inForce, r));
}
