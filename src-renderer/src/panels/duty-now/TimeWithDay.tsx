// "20:00", or "次日 08:00" / "+1d 08:00" when the time falls on a later day than `from`.
import { useT } from '../../i18n/use-t';
import { daysApart, hhmm } from '../../state/duty/format';

export function TimeWithDay({ at, from }: { at: number; from: number }) {
  const t = useT();
  const days = daysApart(from, at);
  return (
    <time className="tabular" dateTime={new Date(at).toISOString()}>
      {days === 0 ? hhmm(at) : days === 1 ? t('duty.nextDayAt', { time: hhmm(at) }) : t('duty.inDaysAt', { days, time: hhmm(at) })}
    </time>
  );
}
