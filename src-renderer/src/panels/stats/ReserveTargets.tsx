// Stock against the reserve targets (储备对标) on the statistics panel: each place's stock of an
// item against the target set for it (short first, in the attention colour and shape), then the
// lines without one, which say 未设目标. The seed gives no per-item targets, so there are none until
// the centre sets them (console 物资 → 储备目标); until one is set the row is not shown at all.
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { reserveSlice, reserveSummary } from '../../state/materials/reserve-slice';
import { FitList } from '../FitList';

const pct = (ratio: number): number => Math.floor(ratio * 100);

export function ReserveTargets() {
  const t = useT();
  const loaded = useSlice(reserveSlice, (s) => s.loaded);
  const lines = useSlice(reserveSlice, (s) => s.lines);
  const sum = reserveSummary(lines);
  // Until loaded, or with no target set anywhere (the default): nothing to compare, and the charts
  // keep the panel's room (no jump in their size when the list arrives).
  if (!loaded || sum.set === 0) return null;
  return (
    <section className="stats-block stats-reserve" data-testid="stats-reserve" data-set={sum.set} data-short={sum.short} data-unset={sum.unset}>
      <div className="stats-block-title">
        {t('reserve.title')}
        {loaded && <span className="reserve-summary">{t('reserve.summary', sum)}</span>}
      </div>
      {!loaded ? (
        <div className="unset">{t('app.loading')}</div>
      ) : lines.length === 0 ? (
        <div className="unset" data-testid="reserve-none">
          {t('reserve.noStock')}
        </div>
      ) : (
        <FitList
          className="reserve-lines"
          testId="reserve-lines"
          items={lines}
          keyOf={(l) => `${l.place.key}\u0000${l.item}\u0000${l.unit}`}
          version={lines.map((l) => `${l.stock}/${l.target ?? ''}`).join(',')}
          render={(l) => {
            const short = l.ratio !== null && l.ratio < 1;
            return (
              <li
                className={l.target === null ? 'reserve-line reserve-unset' : short ? 'reserve-line indicator-unmet' : 'reserve-line indicator-met'}
                data-testid="reserve-line"
                data-place={l.place.key}
                data-item={l.item}
                data-target={l.target ?? ''}
              >
                <span className="reserve-what">
                  {l.place.name} · {l.item}
                </span>{' '}
                {l.target === null ? (
                  <span className="reserve-value tabular">
                    {l.stock}
                    {l.unit} · <span className="reserve-unset-word">{t('reserve.unset')}</span>
                  </span>
                ) : (
                  <span className="reserve-value tabular">
                    {t('reserve.against', { stock: l.stock, target: l.target, unit: l.unit, pct: pct(l.ratio ?? 0) })}
                  </span>
                )}
              </li>
            );
          }}
        />
      )}
    </section>
  );
}
