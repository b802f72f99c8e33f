// One KPI against its 100% target: the rate and the counts behind it, a bar with the target line.
// Quiet on purpose: the rate is as big as a main line, not bigger than the live alerts; its tone
// (met, short, far) is the tile's edge and the bar only.
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n';
import { percent } from '../../state/duty/format';
import { barPercent, kpiTone } from './kpi-view';

interface Props {
  testId: string;
  title: MessageKey;
  rate: number | null;
  counts: string;
}

export function KpiTile({ testId, title, rate, counts }: Props) {
  const t = useT();
  const tone = kpiTone(rate);
  return (
    <section className={`kpi-tile tone-${tone}`} data-testid={testId} data-rate={rate ?? ''}>
      <div className="kpi-title">{t(title)}</div>
      <div className="kpi-value tabular wall-main">{rate === null ? <span className="kpi-none">{t('kpi.none')}</span> : percent(rate)}</div>
      <div className="kpi-counts">{counts}</div>
      <div className="kpi-bar" aria-hidden="true">
        <div className="kpi-bar-fill" style={{ width: `${barPercent(rate)}%` }} />
      </div>
    </section>
  );
}
