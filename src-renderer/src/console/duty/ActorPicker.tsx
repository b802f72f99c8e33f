// Who is acting at this console. Every change the server records names this person, so the
// choice is explicit, shown on every duty and plans form, and remembered for the seat. While
// someone is signed in (console/identity/SignInBox.tsx) it is that person and cannot be changed:
// the hub refuses a `by` naming anyone else. Signed out, what the page may do depends on what it
// is (contract/identity.ts ActorRule, thisMachineSlice.actorRule): on an enrolled console, and on
// the desktop host's own windows and the console pages on the bootstrap token (browser mode) once
// the first set-up is over, the session decides who acts, so there is no choice here, only "sign
// in first" (the hub refuses a `by` without a session); on a street centre's machine it lists only
// the street's own people (actorChoices, the rule the hub enforces); during the first set-up
// (nobody has a password yet) everyone active.
import { DUTY_ROLE_LABELS } from '@contract/duty';
import { actorChoices } from '@contract/identity';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { appSlice } from '../../state/app/app-slice';
import { useCommands, useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { identitySlice } from '../../state/identity/identity-slice';
import { thisMachineSlice } from '../../state/identity/this-machine-slice';
import { ROLE_ORDER } from '../../panels/duty-now/on-duty';
import { Field } from '../Field';

export function ActorPicker() {
  const t = useT();
  const label = useLabel();
  const people = useSlice(dutySlice, (d) => d.people);
  const actorId = useSlice(appSlice, (s) => s.actorId);
  const { setActor } = useCommands(appSlice);
  const signedIn = useSlice(identitySlice, (s) => s.session?.person ?? null);
  const street = useSlice(thisMachineSlice, (s) => s.machine?.street ?? null);
  const rule = useSlice(thisMachineSlice, (s) => s.actorRule);
  const active = actorChoices(people, street);
  if (!signedIn && rule === 'session') {
    return (
      <div className="actor-picker missing" data-testid="actor-picker" data-rule="session">
        <Field label={t('actor.label')}>
          <select data-testid="actor-select" value="" disabled title={t('actor.signInFirst')}>
            <option value="">{t('actor.signInFirst')}</option>
          </select>
        </Field>
        <span className="actor-hint" data-testid="actor-sign-in-first">
          {t('actor.signInFirst')}
        </span>
      </div>
    );
  }
  if (signedIn) {
    const unit = people.find((p) => p.id === signedIn.id)?.unit;
    return (
      <div className="actor-picker signed-in" data-testid="actor-picker" data-signed-in="true">
        <Field label={t('actor.label')}>
          <select data-testid="actor-select" value={signedIn.id} disabled title={t('signin.lockedHint')}>
            <option value={signedIn.id}>{unit ? `${signedIn.name} · ${unit}` : signedIn.name}</option>
          </select>
        </Field>
      </div>
    );
  }
  const known = actorId !== null && active.some((p) => p.id === actorId);
  return (
    <div className={known ? 'actor-picker' : 'actor-picker missing'} data-testid="actor-picker">
      <Field label={t('actor.label')}>
        <select data-testid="actor-select" value={known ? actorId : ''} onChange={(e) => void setActor(e.target.value || null)}>
          <option value="">{t('actor.choose')}</option>
          {ROLE_ORDER.map((role) => (
            <optgroup key={role} label={label(DUTY_ROLE_LABELS[role])}>
              {active
                .filter((p) => p.role === role)
                .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {p.unit}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      {!known && <span className="actor-hint">{t(active.length ? 'actor.hint' : 'actor.noPeople')}</span>}
    </div>
  );
}

/** The acting person's id when one is chosen (or signed in) and still active, else null (forms disable their buttons). */
export function useActor(): string | null {
  const people = useSlice(dutySlice, (d) => d.people);
  const actorId = useSlice(appSlice, (s) => s.actorId);
  const street = useSlice(thisMachineSlice, (s) => s.machine?.street ?? null);
  // Where the session decides who acts, nobody acts until someone signs in.
  const needsSession = useSlice(thisMachineSlice, (s) => s.actorRule === 'session');
  const signedIn = useSlice(identitySlice, (s) => s.session?.person.id ?? null);
  if (needsSession && signedIn === null) return null;
  return actorId !== null && actorChoices(people, street).some((p) => p.id === actorId) ? actorId : null;
}
