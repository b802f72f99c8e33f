// The console's map layers: each layer with its colour and count, a checkbox that toggles it.
// Risk points break down by level, each with its colour, shape and word (styles/colour-language.ts);
// tasks by their state's shape and word, teams out by their status's glyph and word. Demo objects
// and responses that cannot be placed are said plainly. It sits in the map's top-right corner,
// never wider than two fifths of the map (the centre stays clear); on a small map it folds to a
// button that opens it. The wall's map has no switches: it reads the one legend every wall panel
// uses (shared/Legend.tsx, entries from legend-entries.ts).
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { RISK_LEVEL_SHORT_LABELS, RISK_LEVELS, type MapCounts } from '@contract/map';
import { LEVELS } from '../../styles/colour-language';
import type { Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { OPS_TONES, type countFeatures } from './features';
import { LAYERS, type LayerDef, type LayerId } from './layers';
import { FitList } from '../FitList';

/**
 * The list's order: what is live first (tasks, teams out, incidents), then the risk grades the
 * clusters are coloured by, then the rest; FitList cuts from the end when the map is short.
 */
const LEGEND_ORDER: readonly LayerId[] = [
  'task',
  'sortie',
  'report',
  'response',
  'risk',
  'team',
  'shelter',
  'warehouse',
  'waterlogging',
  'geohazard',
  'camera',
];
const LEGEND_LAYERS: readonly LayerDef[] = LEGEND_ORDER.map((id) => LAYERS.find((l) => l.id === id)!).filter(Boolean);

/** A cell smaller than this (in its own letters) shows the legend as an icon. */
const SMALL = { widthEm: 30, heightEm: 14 };

/** Whether the map's cell is small, from its size in its own letter size; follows resizes. */
function useSmallCell(ref: RefObject<HTMLElement | null>): boolean {
  const [small, setSmall] = useState(false);
  useLayoutEffect(() => {
    const panel = ref.current?.parentElement;
    if (!panel || typeof ResizeObserver === 'undefined') return;
    const check = (): void => {
      const em = parseFloat(getComputedStyle(panel).fontSize) || 16;
      setSmall(panel.clientWidth < SMALL.widthEm * em || panel.clientHeight < SMALL.heightEm * em);
    };
    check();
    const watch = new ResizeObserver(check);
    watch.observe(panel);
    return () => watch.disconnect();
  }, [ref]);
  return small;
}

interface Props {
  counts: ReturnType<typeof countFeatures>;
  totals: MapCounts | null;
  visible: ReadonlySet<LayerId>;
  onToggle(id: LayerId): void;
  unplaced: readonly Response[];
}

export function MapLayers({ counts, totals, visible, onToggle, unplaced }: Props) {
  const t = useT();
  const label = useLabel();
  const box = useRef<HTMLDivElement>(null);
  const small = useSmallCell(box);
  const [opened, setOpened] = useState<boolean | null>(null);
  const open = opened ?? !small;
  const toggle = (
    <button
      type="button"
      className="map-legend-toggle"
      data-testid="map-legend-toggle"
      aria-expanded={open}
      aria-label={t(open ? 'map.legend.hide' : 'map.legend.show')}
      onClick={() => setOpened(!open)}
    >
      <span aria-hidden="true">{open ? '×' : '☰'}</span>
      {!open && <span className="map-legend-toggle-word">{t('map.legend.show')}</span>}
    </button>
  );
  if (!open)
    return (
      <div ref={box} className="map-legend collapsed" data-testid="map-legend" data-collapsed="true" data-small={small}>
        {toggle}
      </div>
    );
  return (
    <div ref={box} className="map-legend" data-testid="map-legend" data-collapsed="false" data-small={small}>
      {(small || opened !== null) && toggle}
      <FitList
        className="map-legend-layers"
        items={LEGEND_LAYERS}
        keyOf={(l) => l.id}
        version={`${LAYERS.map((l) => counts[l.id]).join(',')}|${Object.entries(counts.byTone).join(',')}|${[...visible].join(',')}`}
        render={(l) => {
          const ops = l.id === 'task' || l.id === 'sortie' ? l.id : null;
          const swatch = ops ? (
            <span className={`map-swatch plate ${ops}`} style={{ borderColor: l.colour }} />
          ) : (
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
              <label className="map-legend-row" data-testid={`map-layer-${l.id}`} data-count={counts[l.id]} data-on={visible.has(l.id)}>
                <input type="checkbox" checked={visible.has(l.id)} onChange={() => onToggle(l.id)} />
                {swatch}
                {text}
              </label>
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
              {ops && visible.has(ops) && (
                <div className="map-legend-levels">
                  {OPS_TONES[ops].map(({ tone, glyph }) => (
                    <span key={tone} className="map-legend-level" data-testid={`map-tone-${tone}`} data-count={counts.byTone[tone] ?? 0}>
                      <span className={`map-op-shape ${tone}`} aria-hidden="true">
                        {glyph}
                      </span>
                      {t(`map.ops.${tone}` as Parameters<typeof t>[0])} {counts.byTone[tone] ?? 0}
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
