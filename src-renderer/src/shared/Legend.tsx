// The one legend of the wall's panels: what each shape and colour on screen means, in words, so a
// viewer in the back row needs to ask nobody. A panel gives only the entries for the states it
// shows right now (nothing shown, no legend). It is one wrapping line at the wall's least letter
// size (never smaller, legend.css), a flex item that does not shrink: the panel's list beside it
// (a FitList) gives way, counting what it no longer shows ("另有 N 项"). Content comes first: in a
// cell so small that with the legend the list would show no item at all, the legend gives way
// instead (until its entries or the window change), so every panel keeps its first item. A panel
// whose content is a picture rather than a list (the map) gives the legend a share of the panel's
// height instead (`maxShare`): a legend taller than that gives way, so the picture stays large.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Swatch } from '../styles/colour-language';
import './legend.css';

export interface LegendEntry {
  /** Stable and unique in one legend (also data-key, for tests). */
  id: string;
  /** The glyph as it appears in the panel (the colour language's shape, a mark, a bar). */
  shape: string;
  /** The glyph's colour as the panel draws it (a CSS colour or var()); none for the text colour. */
  colour?: string;
  /** What it means, in the page's language. */
  word: string;
  /** How many of it are shown, when the word says a number (data-count, for tests). */
  count?: number;
}

/** An entry for a swatch of the colour language, drawn as it is (its shape in its colour). */
export function swatchEntry(id: string, swatch: Pick<Swatch, 'shape' | 'colour'>, word: string): LegendEntry {
  return { id, shape: swatch.shape, colour: swatch.colour, word };
}

/**
 * Whether the legend should give way: the FitList beside it (in the same parent) shows none of its
 * items, or (with `maxShare`) the legend is taller than that share of its parent. Once given way it
 * stays so until `key` changes; no loop (the list then has the room).
 */
function useGiveWay(key: string, maxShare: number | undefined): [boolean, RefObject<HTMLUListElement | null>] {
  const ref = useRef<HTMLUListElement>(null);
  const [gave, setGave] = useState<string | null>(null);
  const given = gave === key;
  useLayoutEffect(() => {
    const own = given ? null : ref.current;
    const parent = own?.parentElement;
    if (!own || !parent || maxShare === undefined || typeof ResizeObserver === 'undefined') return;
    const check = (): void => {
      if (parent.clientHeight > 0 && own.offsetHeight > maxShare * parent.clientHeight) setGave(key);
    };
    check();
    const watch = new ResizeObserver(check);
    watch.observe(parent);
    return () => watch.disconnect();
  }, [given, key, maxShare]);
  useLayoutEffect(() => {
    const list = given ? null : ref.current?.parentElement?.querySelector(':scope > .fit-list, :scope > * > .fit-list');
    if (!list) return;
    const check = (): void => {
      if (list.getAttribute('data-shown') === '0' && list.getAttribute('data-total') !== '0') setGave(key);
    };
    check();
    const watch = new MutationObserver(check);
    watch.observe(list, { attributes: true, attributeFilter: ['data-shown', 'data-total'] });
    return () => watch.disconnect();
  }, [given, key]);
  return [given, ref];
}

export function Legend({
  entries,
  label,
  testId = 'legend',
  maxShare,
  reserve = false,
}: {
  entries: readonly LegendEntry[];
  label: string;
  testId?: string;
  /** For a panel that is a picture (the map): the largest share of the panel's height the legend may take, else it gives way. */
  maxShare?: number;
  /**
   * The panel's data is on its way: with no entries yet, an invisible line holds the legend's place,
   * so the picture above keeps its size when they come (a 4K wall map's canvases were laid out and
   * drawn again when its legend appeared under them: 0.13 s of script and two 70–100 ms frames).
   */
  reserve?: boolean;
}) {
  const [given, ref] = useGiveWay(
    `${entries.map((e) => `${e.id}:${e.word}`).join('|')}@${typeof window === 'undefined' ? '' : `${window.innerWidth}x${window.innerHeight}`}`,
    maxShare,
  );
  if (entries.length === 0 && reserve)
    return (
      <div className="wall-legend wall-legend-reserved" aria-hidden="true">
        <span className="wall-legend-entry">
          <span className="wall-legend-shape">●</span>
          <span className="wall-legend-word">{label}</span>
        </span>
      </div>
    );
  if (entries.length === 0 || given) return null;
  return (
    <ul ref={ref} className="wall-legend" data-testid={testId} aria-label={label}>
      {entries.map((e) => (
        <li key={e.id} className="wall-legend-entry" data-testid="legend-entry" data-key={e.id} data-count={e.count}>
          <span className="wall-legend-shape" aria-hidden="true" style={e.colour ? { color: e.colour } : undefined}>
            {e.shape}
          </span>
          <span className="wall-legend-word">{e.word}</span>
        </li>
      ))}
    </ul>
  );
}
