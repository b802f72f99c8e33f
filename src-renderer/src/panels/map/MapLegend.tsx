// Layers with their colours and counts; on the console's map each row toggles its layer, on the
// wall the legend is only read (no checkboxes). Risk points break down by level, each with its
// colour, shape and word (styles/colour-language.ts). Demo objects and responses that cannot be
// placed are said plainly.
import { RISK_LEVEL_SHORT_LABELS, RISK_LEVELS, type MapCounts } from '@contract/map';
import { LEVELS } from '../../styles/colour-language';
import type { Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import type { countFeatures } from './features';
import { LAYERS, type LayerId } from './layers';
import { FitList } from '../FitList';

interface Props {
  counts: ReturnType<typeof countFeatures>;
  totals: MapCounts | null;
  visible: ReadonlySet<LayerId>;
  onToggle(id: LayerId): void;
  unplaced: readonly Response[];
  /** The console's map: rows toggle their layers. */
  controls: boolean;
}

export function MapLegend({ counts, totals, visible, onToggle, unplaced, controls }: Props) {
  const t = useT();
  const label = useLabel();
  return (
    <div className="map-legend" data-testid="map-legend">
      <FitList
        className="map-legend-layers"
        items={LAYERS}
        keyOf={(l) => l.id}
        version={`${LAYERS.map((l) => counts[l.id]).join(',')}|${[...visible].join(',')}`}
        render={(l) => {
          const swatch = (
            <span
              className={l.id === 'response' ? 'map-swatch ring' : 'map-swatch'}
              style={{ background: l.id === 'response' ? undefined : l.colour, borderColor: l.colour }}
            />
          );
          const text = (
            <>
              <span className="map-legend-title">{t(l.title)}</span>
              <span className="map-legend-count tabular">{counts[l.id]}</span>
            </>
          );
          return (
            <li className="map-legend-layer">
              {controls ? (
                <label className="map-legend-row" data-testid={`map-layer-${l.id}`} data-count={counts[l.id]} data-on={visible.has(l.id)}>
                  <input type="checkbox" checked={visible.has(l.id)} onChange={() => onToggle(l.id)} />
                  {swatch}
                  {text}
                </label>
              ) : (
                <div className="map-legend-row read-only" data-testid={`map-layer-${l.id}`} data-count={counts[l.id]} data-on={visible.has(l.id)}>
                  {swatch}
                  {text}
                </div>
              )}
              {l.id === 'risk' && visible.has('risk') && (
                <div className="map-legend-levels">
                  {RISK_LEVELS.map((level) => (
                    <span key={level} className="map-legend-level" data-testid={`map-risk-${level}`} data-count={counts.riskByLevel[level] ?? 0}>
                      <span className={`map-level-shape level-${level}`} aria-hidden="true">
                        {LEVELS[level].shape}
                      </span>
                      {label(RISK_LEVEL_SHORT_LABELS[level])} {counts.riskByLevel[level] ?? 0}
                    </span>
                  ))}
                </div>
              )}
            </li>
          );
        }}
      />
      {totals && totals.demo > 0 && (
        <div className="map-legend-demo" data-testid="map-demo-note">
          {t('map.demoNote', { n: totals.demo })}
        </div>
      )}
      {unplaced.length > 0 && <div className="map-legend-note">{t('map.unplacedResponses', { n: unplaced.length })}</div>}
    </div>
  );
}
