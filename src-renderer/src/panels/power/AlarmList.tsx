// The active power alarms, critical first, with the officer's name for acknowledging and muting.
// The same list serves the wall panel and the console. Its head says "no power alarms" only while
// the state is known (alarm-headline.ts): under UNKNOWN it says it cannot judge, grey.
import { useMemo } from 'react';
import { useT } from '../../i18n/use-t';
import { sortAlarms } from '../../state/power/power-merge';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { AlarmItem } from './AlarmItem';
import { alarmHeadline, type AlarmHeadline } from './alarm-headline';
import { OfficerField } from './OfficerField';
import { PowerErrorNote } from './PowerErrorNote';

const HEAD_KEY = { none: 'power.noAlarms', unknown: 'power.alarmsUnknown' } as const;

export function AlarmList() {
  const t = useT();
  const alarms = useSlice(powerSlice, (s) => s.alarms);
  const state = useSlice(powerSlice, (s) => s.state);
  const head: AlarmHeadline = alarmHeadline(state, alarms.length);
  const officer = useSlice(powerSlice, (s) => s.officer);
  const sorted = useMemo(() => sortAlarms(alarms), [alarms]);
  const needsHand = alarms.some((a) => a.acknowledgedAt === null);
  return (
    <section className="power-alarms" data-testid="power-alarms" data-count={alarms.length} data-tone={head.tone}>
      <div className="power-alarms-head">
        <span className={`power-section-title tone-${head.tone}`} data-testid="power-alarms-head">
          {head.tone === 'alarms' ? t('power.alarmCount', { n: head.n }) : t(HEAD_KEY[head.tone])}
        </span>
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
