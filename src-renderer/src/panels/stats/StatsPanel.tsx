// Statistics (统计分析): the seed plan's Table 1 and Table 2 as shipped series, Table 3's
// indicators against target, live duty-log counts, and stock against the reserve targets set
// (ReserveTargets: 未设目标 where none is). Quieter than live alerts: no colour but for
// an indicator not met; in a cell too small for four blocks at the wall's type scale, the shipped
// series give way (stats.css).
import './stats.css';
import { useMemo } from 'react';
import { SEED_PLAN_SOURCE, TABLE1, TABLE2 } from '@contract/stats';
import { useLanguage, useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { statsSlice } from '../../state/stats/stats-slice';
import { table1Option, table2Option } from './chart-options';
import { EChart } from './EChart';
import { IndicatorTable } from './IndicatorTable';
import { LiveCounts } from './LiveCounts';
import { ReserveTargets } from './ReserveTargets';
import { Legend } from '../../shared/Legend';
import { STATES } from '../../styles/colour-language';

export function StatsPanel() {
  const t = useT();
  const en = useLanguage() === 'en';
  const label = useLabel();
  const indicators = useSlice(statsSlice, (s) => s.indicators);
  const error = useSlice(statsSlice, (s) => s.error?.message);
  const t1 = useMemo(() => table1Option({ accidents: t('stats.accidents'), deaths: t('stats.deaths') }), [t]);
  const t2 = useMemo(() => table2Option(en), [en]);
  return (
    <div className="panel stats-panel" data-testid="stats-panel">
      <section className="stats-block stats-static" title={label(TABLE1.note)}>
        <div className="stats-block-title">{label(TABLE1.title)}</div>
        <EChart option={t1} testId="stats-chart-table1" />
      </section>
      <section className="stats-block stats-static" title={label(TABLE2.note)}>
        <div className="stats-block-title">{label(TABLE2.title)}</div>
        <EChart option={t2} testId="stats-chart-table2" />
      </section>
      <section className="stats-block stats-block-table">
        <div className="stats-block-title">{t('stats.table3')}</div>
        {indicators ? <IndicatorTable values={indicators} /> : <div className="unset">{error ?? t('app.loading')}</div>}
        {/* The one colour of the panel: an indicator not met (▲, the attention state). */}
        <Legend
          entries={
            indicators?.some((v) => v.met === false)
              ? [{ id: 'unmet', shape: STATES.attention.shape, colour: STATES.attention.colour, word: t('legend.indicatorUnmet') }]
              : []
          }
          label={t('legend.label')}
        />
      </section>
      <LiveCounts />
      <ReserveTargets />
      <div className="stats-source">{t('stats.source', { source: label(SEED_PLAN_SOURCE) })}</div>
    </div>
  );
}
