// The wall header's power slot: the overall state in its colour and word, minutes of battery or
// hours of fuel left, power-saving mode, and the alarm sound (data-sounding for tests and for a
// pulse that draws the eye). It also hosts the wall's power-aware dimming.
import type { PowerSourceStatus } from '@contract/power';
import { useT } from '../../i18n/use-t';
import { soundingTone } from '../../state/power/power-merge';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { hoursText, minutesText } from './format';
import { PowerDimming } from './PowerDimming';
import { STATE_CLASS } from './state-look';
import { useAlarmSound } from '../../shared/use-alarm-sound';
import './power.css';

/** The lowest fuel level of the running generators: shown until the burn rate gives hours. */
function runningFuel(sources: readonly PowerSourceStatus[]): number | null {
  let least: number | null = null;
  for (const s of sources) {
    const f = s.readings.generatorRunning ? s.readings.fuelPercent : null;
    if (f !== null && (least === null || f < least)) least = f;
  }
  return least;
}

function SoundBlocked() {
  const t = useT();
  return (
    <div className="power-sound-blocked" role="alert" data-testid="power-sound-blocked">
      {t('power.soundBlocked')}
    </div>
  );
}

export function PowerHeaderSlot() {
  const t = useT();
  const loaded = useSlice(powerSlice, (s) => s.loaded);
  const state = useSlice(powerSlice, (s) => s.state);
  const runtime = useSlice(powerSlice, (s) => s.runtimeMinutes);
  const fuel = useSlice(powerSlice, (s) => s.fuelHours);
  const conserve = useSlice(powerSlice, (s) => s.conserve);
  const fuelPercent = useSlice(powerSlice, (s) => runningFuel(s.sources));
  const tone = useSlice(powerSlice, (s) => soundingTone(s.alarms));
  const audio = useAlarmSound(tone, 'command-wall-power-sound');
  const left =
    state === 'ON_BATTERY' || state === 'LOW_BATTERY'
      ? t('power.left', { what: minutesText(t, runtime) })
      : state === 'ON_GENERATOR' && fuel !== null
        ? t('power.fuelLeft', { what: hoursText(t, fuel) })
        : state === 'ON_GENERATOR' && fuelPercent !== null
          ? t('power.fuelPercent', { v: Math.round(fuelPercent) })
          : null;
  return (
    <div
      className={`header-slot power-slot ${loaded ? STATE_CLASS[state] : 'pw-unknown'}${tone ? ` sounding-${tone}` : ''}`}
      data-testid="slot-power-status"
      data-state={loaded ? state : 'loading'}
      data-sounding={tone ? 'true' : 'false'}
      data-tone={tone ?? ''}
      data-audio={audio}
      data-conserve={conserve ? 'true' : 'false'}
    >
      <span className="fact-label">
        {t('wall.power')}
        {conserve && <span className="power-slot-conserve"> · {t('power.conserve')}</span>}
      </span>
      <span className="power-slot-value">
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="power-slot-state">{loaded ? t(`power.state.${state}`) : t('transport.connecting')}</span>
        {left && (
          <span className="power-slot-left tabular" data-testid="power-slot-left">
            {left}
          </span>
        )}
      </span>
      {tone && audio === 'suspended' && <SoundBlocked />}
      <PowerDimming />
    </div>
  );
}
