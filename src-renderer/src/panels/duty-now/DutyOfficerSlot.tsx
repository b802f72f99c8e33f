// The wall header's duty slot: the 带班领导 and the 值班员 on duty now, live from the roster.
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { namesOnDuty } from './on-duty';

export function DutyOfficerSlot() {
  const t = useT();
  const onDuty = useSlice(dutySlice, (d) => d.onDuty);
  const leaders = namesOnDuty(onDuty, 'leader');
  const officers = namesOnDuty(onDuty, 'officer');
  const missing = <span className="duty-slot-gap">{t('duty.slotNobody')}</span>;
  return (
    <div className="header-slot duty-slot" data-testid="slot-duty-officer" data-state={onDuty ? 'live' : 'loading'}>
      <span className="fact-label">{t('duty.slotLabel')}</span>
      {onDuty ? (
        <span className="duty-slot-names">
          <span data-testid="slot-leader">{leaders.length ? leaders.join('、') : missing}</span>
          <span className="duty-slot-sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="slot-officers">{officers.length ? officers.join('、') : missing}</span>
        </span>
      ) : (
        <span className="unset">{t('app.loading')}</span>
      )}
    </div>
  );
}
