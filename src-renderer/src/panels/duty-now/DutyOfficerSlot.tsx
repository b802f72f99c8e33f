// The wall header's duty slot: the 带班领导 and the 值班员 on duty now, live from the roster, and
// who is signed in at which console now (auth.listSignedIn; shown where the page may read it).
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { consoleName, signedInSlice } from '../../state/identity/signed-in-slice';
import { namesOnDuty } from './on-duty';

export function DutyOfficerSlot() {
  const t = useT();
  const onDuty = useSlice(dutySlice, (d) => d.onDuty);
  const leaders = namesOnDuty(onDuty, 'leader');
  const officers = namesOnDuty(onDuty, 'officer');
  const signedIn = useSlice(signedInSlice, (s) => s.list);
  const missing = <span className="duty-slot-gap">{t('duty.slotNobody')}</span>;
  return (
    <div className="header-slot duty-slot" data-testid="slot-duty-officer" data-state={onDuty ? 'live' : 'loading'}>
      {/* On the label's row (the header keeps its height): who is signed in at which console. */}
      <span className="duty-slot-top">
        <span className="fact-label">{t('duty.slotLabel')}</span>
        {/* Only when somebody is: "nobody signed in" on a line of its own squeezed the centre's name
            into three lines at 1920 px in English, and the cells below lost their first item. */}
        {signedIn && signedIn.length > 0 && (
          <span className="fact-label duty-slot-signed-in" data-testid="slot-signed-in" data-count={signedIn.length}>
            {t('signedIn.slotLabel')}
            {signedIn.map((c) => t('signedIn.at', { name: c.person.name, where: consoleName(c, t('signedIn.host')) })).join('、')}
          </span>
        )}
      </span>
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
