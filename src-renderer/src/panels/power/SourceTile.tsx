// One source: its name and kind, what it says about the supply (in its colour and word), whether
// it is answering, its readings, and 30-minute sparklines (charge and load for a UPS, fuel and load
// for a generator). A source that is not answering greys its last readings and says why.
import type { PowerSourceStatus } from '@contract/power';
import { useT } from '../../i18n/use-t';
import { formatBeijingClock } from '../../shared/beijing-time';
import { SourceFacts } from './SourceFacts';
import { Sparkline } from './Sparkline';
import { VERDICT_CLASS } from './state-look';

export function SourceTile({ source, now }: { source: PowerSourceStatus; now: number }) {
  const t = useT();
  const online = source.link === 'online';
  const generator = source.kind === 'modbus';
  const r = source.readings;
  const live = { charge: r.batteryChargePercent, load: r.loadPercent, fuel: r.fuelPercent };
  const spark = (field: 'charge' | 'load' | 'fuel') => (
    <Sparkline
      samples={source.samples}
      field={field}
      label={t(`power.spark.${field}`)}
      value={live[field]}
      now={now}
      testId={`power-spark-${source.id}-${field}`}
    />
  );
  return (
    <article
      className={`power-tile ${VERDICT_CLASS[source.verdict]}${online ? '' : ' tile-not-online'}`}
      data-testid={`power-tile-${source.id}`}
      data-kind={source.kind}
      data-link={source.link}
      data-verdict={source.verdict}
    >
      <header className="tile-head">
        <span className="tile-name">{source.name}</span>
        <span className="tile-kind">{t(`power.kind.${source.kind}`)}</span>
      </header>
      <div className="tile-state">
        <span className="tile-verdict">{t(`power.verdict.${source.verdict}`)}</span>
        <span className={`tile-link link-${source.link}`}>{t(`power.link.${source.link}`)}</span>
      </div>
      {!online && (
        <div className="tile-detail" data-testid={`power-tile-${source.id}-detail`}>
          {source.lastUpdate !== null && <span className="tabular">{t('power.lastGood', { time: formatBeijingClock(source.lastUpdate) })} </span>}
          {source.detail && <span className="tile-detail-tech">{source.detail}</span>}
        </div>
      )}
      <SourceFacts kind={source.kind} readings={source.readings} />
      {source.readings.deviceAlarms.length > 0 && (
        <div className="tile-device-alarms">
          {t('power.deviceAlarms')}: {source.readings.deviceAlarms.join('; ')}
        </div>
      )}
      {source.kind !== 'host' && (
        <div className="tile-sparks">
          {spark(generator ? 'fuel' : 'charge')}
          {spark('load')}
        </div>
      )}
    </article>
  );
}
