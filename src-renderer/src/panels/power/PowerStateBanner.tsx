// The overall state across the top of the panel: its word in its colour, how long is left (battery
// minutes or generator fuel hours), since when, why (the server's reason, naming the sources), a
// recovery waiting out its hold, and whether the hall is in power-saving mode.
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBeijingClock } from '../../shared/beijing-time';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { hoursText, minutesText, textIn } from './format';
import { STATE_CLASS } from './state-look';

function Pending() {
  const t = useT();
  const pending = useSlice(powerSlice, (s) => s.pending);
  const now = useServerNow();
  if (!pending) return null;
  const s = Math.max(0, Math.ceil((pending.until - now) / 1000));
  return (
    <div className="power-pending" data-testid="power-pending" data-state={pending.state}>
      {t('power.pending', { state: t(`power.state.${pending.state}`), s })}
    </div>
  );
}

export function PowerStateBanner() {
  const t = useT();
  const lang = useLanguage();
  const state = useSlice(powerSlice, (s) => s.state);
  const since = useSlice(powerSlice, (s) => s.since);
  const reason = useSlice(powerSlice, (s) => s.reason);
  const runtime = useSlice(powerSlice, (s) => s.runtimeMinutes);
  const fuel = useSlice(powerSlice, (s) => s.fuelHours);
  const conserve = useSlice(powerSlice, (s) => s.conserve);
  const onBattery = state === 'ON_BATTERY' || state === 'LOW_BATTERY';
  return (
    <div className={`power-banner ${STATE_CLASS[state]}`} data-testid="power-state" data-state={state}>
      <div className="power-banner-main">
        <span className="power-state-word">{t(`power.state.${state}`)}</span>
        {onBattery && (
          <span className="power-left" data-testid="power-left">
            {t('power.left', { what: minutesText(t, runtime) })}
          </span>
        )}
        {state === 'ON_GENERATOR' && fuel !== null && (
          <span className="power-left" data-testid="power-left">
            {t('power.fuelLeft', { what: hoursText(t, fuel) })}
          </span>
        )}
        {conserve && (
          <span className="power-chip" data-testid="power-conserve">
            {t('power.conserve')}
          </span>
        )}
      </div>
      <div className="power-banner-sub">
        {since !== null && <span className="tabular">{t('power.since', { time: formatBeijingClock(since) })}</span>}
        {reason && <span className="power-reason">{textIn(lang, reason)}</span>}
      </div>
      <Pending />
    </div>
  );
}
