// The readings of one source as label/value pairs: a UPS's battery and line, a generator's engine
// and fuel. Values the source does not report read "—".
import type { PowerReadings, SourceKind } from '@contract/power';
import type { MessageKey, Translate } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { hoursText, minutesText, NONE, withUnit } from './format';

type Fact = [label: string, value: string, testId?: string];

function upsFacts(t: Translate, r: PowerReadings): Fact[] {
  const runtime = minutesText(t, r.runtimeMinutes) + (r.runtimeBasis === 'estimated' ? ` (${t('power.estimated')})` : '');
  return [
    [t('power.charge'), withUnit(r.batteryChargePercent, '%'), 'charge'],
    [t('power.runtime'), runtime, 'runtime'],
    [t('power.load'), withUnit(r.loadPercent, '%'), 'load'],
    [t('power.inputVoltage'), withUnit(r.inputVoltage, 'V'), 'input-voltage'],
    [t('power.outputVoltage'), withUnit(r.outputVoltage, 'V'), 'output-voltage'],
    [t('power.frequency'), withUnit(r.inputFrequency ?? r.outputFrequency, 'Hz', 1), 'frequency'],
    [t('power.statusWord'), r.status.join(' ') || NONE, 'status'],
  ];
}

function generatorFacts(t: Translate, r: PowerReadings): Fact[] {
  const yesNo = (v: boolean | null, yes: MessageKey, no: MessageKey): string => (v === null ? NONE : t(v ? yes : no));
  const fuel = withUnit(r.fuelPercent, '%') + (r.fuelHours !== null ? ` · ${hoursText(t, r.fuelHours)}` : '');
  return [
    [t('power.engine'), yesNo(r.generatorRunning, 'power.running', 'power.stopped'), 'running'],
    [t('power.mainsSupply'), yesNo(r.mainsAvailable, 'power.available', 'power.lost'), 'mains'],
    [t('power.fuel'), fuel, 'fuel'],
    [t('power.load'), withUnit(r.loadPercent, '%'), 'load'],
    [t('power.output'), `${withUnit(r.outputVoltage, 'V')} · ${withUnit(r.outputFrequency, 'Hz', 1)}`, 'output'],
    [t('power.rpm'), withUnit(r.engineRpm, 'rpm'), 'rpm'],
    [t('power.coolant'), withUnit(r.coolantTempC, '°C'), 'coolant'],
    [t('power.oil'), withUnit(r.oilPressureKpa, 'kPa'), 'oil'],
    [t('power.starter'), withUnit(r.starterBatteryVoltage, 'V', 1), 'starter'],
  ];
}

export function SourceFacts({ kind, readings }: { kind: SourceKind; readings: PowerReadings }) {
  const t = useT();
  const facts =
    kind === 'modbus'
      ? generatorFacts(t, readings)
      : kind === 'host'
        ? [[t('power.statusWord'), readings.status.join(' ') || NONE] as Fact]
        : upsFacts(t, readings);
  return (
    <dl className="tile-facts">
      {facts.map(([label, value, id]) => (
        <div key={label} className="tile-fact" data-fact={id}>
          <dt>{label}</dt>
          <dd className="tabular">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
