// The active power alarms, critical first, with the officer's name for acknowledging and muting.
// The same list serves the wall panel and the console.
import { useMemo } from 'react';
import { useT } from '../../i18n/use-t';
import { sortAlarms } from '../../state/power/power-merge';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { AlarmItem } from './AlarmItem';
import { OfficerField } from './OfficerField';
import { PowerErrorNote } from './PowerErrorNote';

export function AlarmList() {
  const t = useT();
  const alarms = useSlice(powerSlice, (s) => s.alarms);
  const officer = useSlice(powerSlice, (s) => s.officer);
  const sorted = useMemo(() => sortAlarms(alarms), [alarms]);
  const needsHand = alarms.some((a) => a.acknowledgedAt === null);
  return (
    <section className="power-alarms" data-testid="power-alarms" data-count={alarms.length}>
      <div className="power-alarms-head">
        <span className="power-section-title">{alarms.length === 0 ? t('power.noAlarms') : t('power.alarmCount', { n: alarms.length })}</span>
        {needsHand && <OfficerField />}
        {needsHand && !officer.trim() && <span className="power-hint">{t('power.officerNeeded')}</span>}
      </div>
      <PowerErrorNote commands={['acknowledgeAlarm', 'muteAlarm']} />
      {sorted.length > 0 && (
        <ul className="power-alarm-list">
          {sorted.map((a) => (
            <AlarmItem key={a.id} alarm={a} officer={officer} />
          ))}
        </ul>
      )}
    </section>
  );
}
