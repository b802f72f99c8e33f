// Who is acting at this console. Every change the server records names this person, so the
// choice is explicit, shown on every duty and plans form, and remembered for the seat.
import { DUTY_ROLE_LABELS } from '@contract/duty';
import { useT } from '../../i18n/use-t';
import { useDuty, useDutyActions, useLabel } from '../../state/duty/use-duty';
import { ROLE_ORDER } from '../../panels/duty-now/on-duty';
import { Field } from '../Field';

export function ActorPicker() {
  const t = useT();
  const label = useLabel();
  const people = useDuty((d) => d.people);
  const actorId = useDuty((d) => d.actorId);
  const { setActor } = useDutyActions();
  const active = people.filter((p) => p.active);
  const known = actorId !== null && active.some((p) => p.id === actorId);
  return (
    <div className={known ? 'actor-picker' : 'actor-picker missing'} data-testid="actor-picker">
      <Field label={t('actor.label')}>
        <select data-testid="actor-select" value={known ? actorId : ''} onChange={(e) => setActor(e.target.value || null)}>
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

/** The acting person's id when one is chosen and still active, else null (forms disable their buttons). */
export function useActor(): string | null {
  const people = useDuty((d) => d.people);
  const actorId = useDuty((d) => d.actorId);
  return actorId !== null && people.some((p) => p.id === actorId && p.active) ? actorId : null;
}
