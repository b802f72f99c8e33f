// The roster of a week or a month: a line per day, the shifts under each role with their times.
import { DUTY_ROLE_LABELS, type Shift } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { ROLE_ORDER } from '../../../panels/duty-now/on-duty';
import { TimeWithDay } from '../../../panels/duty-now/TimeWithDay';
import { hhmm } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import type { RosterDay } from './roster-view';

function ShiftChip({ shift }: { shift: Shift }) {
  const t = useT();
  return (
    <span className={shift.corrected ? 'roster-shift corrected' : 'roster-shift'} data-testid="roster-shift" data-id={shift.id} title={shift.note || undefined}>
      <b>{shift.person.name}</b> <span className="tabular">{hhmm(shift.start)}</span>–<TimeWithDay at={shift.end} from={shift.start} />
      {shift.corrected && <span className="roster-corrected"> {t('roster.corrected')}</span>}
    </span>
  );
}

export function RosterTable({ days, today }: { days: RosterDay[]; today: string }) {
  const t = useT();
  const label = useLabel();
  return (
    // A scrolling region is a stop in the tab order, so the keyboard can scroll it too.
    <div className="table-scroll roster-scroll" tabIndex={0} role="region" aria-label={t('roster.title')}>
      <table className="data-table roster-table" data-testid="roster-table">
        <thead>
          <tr>
            <th>{t('roster.date')}</th>
            {ROLE_ORDER.map((r) => (
              <th key={r}>{label(DUTY_ROLE_LABELS[r])}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-testid="roster-day" data-date={d.date} className={d.date === today ? 'today' : undefined}>
              <td className="tabular nowrap">{d.date.slice(5)}</td>
              {ROLE_ORDER.map((r) => (
                <td key={r}>
                  {d.byRole[r].map((s) => (
                    <ShiftChip key={s.id} shift={s} />
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
