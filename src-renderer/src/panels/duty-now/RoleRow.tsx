// One role on the 今日值班 panel: who is on duty now (name, phone), until when, and who is next.
import { DUTY_ROLE_LABELS, type Shift } from '@contract/duty';
import { useT } from '../../i18n/use-t';
import { phoneGroups } from '../../state/duty/format';
import { useLabel } from '../../shared/label';
import { earliestEnd, earliestStart, type RoleLine } from './on-duty';
import { TimeWithDay } from './TimeWithDay';

function People({ shifts }: { shifts: Shift[] }) {
  return (
    <>
      {shifts.map((s) => (
        <span key={s.id} className="duty-person" data-testid="duty-person" data-person={s.personId}>
          <span className="duty-person-name wall-main">{s.person.name}</span>
          <span className="duty-person-phone tabular">{phoneGroups(s.person.phone)}</span>
        </span>
      ))}
    </>
  );
}

export function RoleRow({ line, now }: { line: RoleLine; now: number }) {
  const t = useT();
  const label = useLabel();
  const until = earliestEnd(line.current);
  const nextAt = earliestStart(line.next);
  return (
    <li className={`duty-role-row${line.uncovered ? ' uncovered' : ''}`} data-testid={`duty-role-${line.role}`} data-count={line.current.length}>
      <div className="duty-role-label">{label(DUTY_ROLE_LABELS[line.role])}</div>
      <div className="duty-role-now">
        {line.current.length > 0 ? (
          <People shifts={line.current} />
        ) : (
          <span className={line.uncovered ? 'duty-gap' : 'unset'}>{t(line.uncovered ? 'duty.uncovered' : 'duty.nobody')}</span>
        )}
      </div>
      <div className="duty-role-until">
        {until !== null && (
          <>
            <span className="fact-label">{t('duty.until')}</span>
            <TimeWithDay at={until} from={now} />
          </>
        )}
      </div>
      <div className="duty-role-next">
        {line.next.length > 0 && nextAt !== null ? (
          <>
            <span className="fact-label">{t('duty.next')}</span>
            <span className="duty-next-names">{line.next.map((s) => s.person.name).join('、')}</span> <TimeWithDay at={nextAt} from={now} />
          </>
        ) : (
          <span className="unset">{t('duty.noNext')}</span>
        )}
      </div>
    </li>
  );
}
