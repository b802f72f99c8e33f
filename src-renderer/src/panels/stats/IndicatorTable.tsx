// Table 3's planning indicators: target, current value (live or entered, with its date) and
// whether it is met. An indicator nobody has entered says so and is never shown as met.
import { INDICATOR_GROUP_LABELS, INDICATORS, type IndicatorValue } from '@contract/stats';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatNumber } from '../../shared/format';
import { useLabel } from '../../shared/label';

export function IndicatorTable({ values }: { values: readonly IndicatorValue[] }) {
  const t = useT();
  const lang = useLanguage();
  const label = useLabel();
  const byId = new Map(values.map((v) => [v.id, v]));
  return (
    <table className="stats-indicators" data-testid="stats-indicators">
      <thead>
        <tr>
          <th>{t('stats.indicator')}</th>
          <th>{t('stats.target')}</th>
          <th>{t('stats.current')}</th>
        </tr>
      </thead>
      <tbody>
        {INDICATORS.map((d) => {
          const v = byId.get(d.id);
          const state = v?.met === true ? 'met' : v?.met === false ? 'unmet' : 'none';
          return (
            <tr
              key={d.id}
              data-testid="stats-indicator"
              data-id={d.id}
              data-state={state}
              title={`${label(INDICATOR_GROUP_LABELS[d.group])} · ${v?.note ?? ''}`}
            >
              <td>
                {d.n}. {label(d.label)}
              </td>
              <td className="tabular">{label(d.targetText)}</td>
              <td className={`tabular indicator-${state}`}>
                {v?.value === null || v?.value === undefined ? (
                  <span className="unset">{t('stats.notEntered')}</span>
                ) : (
                  <>
                    {formatNumber(v.value, lang)}
                    {label(d.unit).startsWith('%') ? '' : ' '}
                    {label(d.unit)}
                    <span className="indicator-source"> · {v.source === 'live' ? t('stats.live') : v.asOf}</span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
