// Big Beijing-time clock with the date, plus the two facts that say whether to trust the
// wall: is this page connected, and does its clock agree with the server's.
import { useT, useLanguage } from '../../i18n/use-t';
import { formatBeijingClock, formatBeijingDate, formatOffsetSeconds, OFFSET_WARN_MS } from '../../shared/beijing-time';
import { TransportBadge } from '../../shared/TransportBadge';
import { useNow } from '../../shared/use-now';
import { appSlice } from '../../state/app/app-slice';
import { useSlice } from '../../state/context';

function ServerOffset() {
  const t = useT();
  const offset = useSlice(appSlice, (s) => s.serverOffsetMs);
  const warn = offset !== null && Math.abs(offset) > OFFSET_WARN_MS;
  return (
    <div className={warn ? 'clock-fact warn' : 'clock-fact'} data-testid="server-offset">
      <span className="fact-label">{t('clock.serverOffset')}</span>
      <span>{offset === null ? t('clock.offsetUnknown') : t('clock.offsetSeconds', { value: formatOffsetSeconds(offset) })}</span>
      {warn && <span className="fact-warning">{t('clock.offsetWarning')}</span>}
    </div>
  );
}

export function ClockStatusPanel() {
  const t = useT();
  const lang = useLanguage();
  const now = useNow();
  return (
    <div className="panel clock-panel">
      <div className="clock-caption">{t('clock.beijingTime')}</div>
      <time className="clock-big" data-testid="panel-clock" dateTime={new Date(now).toISOString()}>
        {formatBeijingClock(now)}
      </time>
      <div className="clock-date">{formatBeijingDate(now, lang)}</div>
      <div className="clock-facts">
        <div className="clock-fact">
          <span className="fact-label">{t('clock.transport')}</span>
          <TransportBadge testId="panel-transport-status" />
        </div>
        <ServerOffset />
      </div>
    </div>
  );
}
