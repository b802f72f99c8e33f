// One KPI against its 100% target: the rate, the counts behind it, a bar with the target line,
// and what keeps it short (named, soonest first).
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n';
import { percent } from '../../state/duty/format';
import { barPercent, kpiTone } from './kpi-view';

interface Props {
  testId: string;
  title: MessageKey;
  rate: number | null;
  counts: string;
  /** The overdue items, already worded. */
  shortfall: string[];
  shortfallTitle: string;
}

export function KpiTile({ testId, title, rate, counts, shortfall, shortfallTitle }: Props) {
  const t = useT();
  const tone = kpiTone(rate);
  return (
    <section className={`kpi-tile tone-${tone}`} data-testid={testId} data-rate={rate ?? ''}>
      <div className="kpi-title">{t(title)}</div>
      <div className="kpi-value tabular">{rate === null ? <span className="kpi-none">{t('kpi.none')}</span> : percent(rate)}</div>
      <div className="kpi-counts">{counts}</div>
      <div className="kpi-bar" aria-hidden="true">
        <div className="kpi-bar-fill" style={{ width: `${barPercent(rate)}%` }} />
      </div>
      <div className="kpi-target">{t('kpi.target')}</div>
      {shortfall.length > 0 && (
        <div className="kpi-shortfall">
          <div className="kpi-shortfall-title">{shortfallTitle}</div>
          <ul>
            {shortfall.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
