// Table 3's planning indicators: current value (live or entered, with its date) against target,
// and whether it is met. An indicator nobody has entered says so and is never shown as met. On the
// wall, as many as fit at its type scale, those not met first, then "另有 N 项" (FitList).
import { INDICATOR_GROUP_LABELS, INDICATORS, type IndicatorValue } from '@contract/stats';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatNumber } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { urgentFirst } from '../../wall/type-scale';
import { FitList } from '../FitList';

const URGENCY = { unmet: 2, none: 1, met: 0 } as const;

export function IndicatorTable({ values }: { values: readonly IndicatorValue[] }) {
  const t = useT();
  const lang = useLanguage();
  const label = useLabel();
  const byId = new Map(values.map((v) => [v.id, v]));
  const rows = INDICATORS.map((d) => {
    const v = byId.get(d.id);
    const state = v?.met === true ? ('met' as const) : v?.met === false ? ('unmet' as const) : ('none' as const);
    return { d, v, state };
  });
  return (
    <FitList
      className="stats-indicators"
      testId="stats-indicators"
      items={urgentFirst(rows, (r) => URGENCY[r.state])}
      keyOf={(r) => r.d.id}
      version={values.map((v) => `${v.id}=${v.value}`).join(',')}
      render={({ d, v, state }) => (
        <li data-testid="stats-indicator" data-id={d.id} data-state={state} title={`${label(INDICATOR_GROUP_LABELS[d.group])} · ${v?.note ?? ''}`}>
          <div className="indicator-main wall-main">
            <span className="indicator-name">
              {d.n}. {label(d.label)}
            </span>{' '}
            <span className={`tabular indicator-value indicator-${state}`}>
              {v?.value === null || v?.value === undefined ? (
                <span className="unset">{t('stats.notEntered')}</span>
              ) : (
                <>
                  {formatNumber(v.value, lang)}
                  {label(d.unit).startsWith('%') ? '' : ' '}
                  {label(d.unit)}
                </>
              )}
            </span>
          </div>
          <div className="indicator-facts">
            <span>
              {t('stats.target')} {label(d.targetText)}
            </span>
            {v?.value !== null && v?.value !== undefined && <span className="indicator-source"> · {v.source === 'live' ? t('stats.live') : v.asOf}</span>}
          </div>
        </li>
      )}
    />
  );
}
