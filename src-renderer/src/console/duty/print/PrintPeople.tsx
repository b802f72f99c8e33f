// Who was on duty in the printed period: each shift of a 带班领导, 值班长 or 值班员, by start.
import { DUTY_ROLE_LABELS, type Roster } from '@contract/duty';
import { formatLocalRange } from '@contract/yuexiu';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';

export function PrintPeople({ roster }: { roster: Roster }) {
  const t = useT();
  const label = useLabel();
  const shifts = roster.shifts.filter((s) => s.role !== 'tech');
  if (shifts.length === 0) return <p className="print-people">{t('printLog.noRoster')}</p>;
  return (
    <section className="print-people" data-testid="print-people">
      <h2>{t('printLog.onDuty')}</h2>
      <p>
        {shifts.map((s) => (
          <span key={s.id} className="print-shift">
            {label(DUTY_ROLE_LABELS[s.role])} <b>{s.person.name}</b> {formatLocalRange(s.start, s.end)}
          </span>
        ))}
      </p>
    </section>
  );
}
