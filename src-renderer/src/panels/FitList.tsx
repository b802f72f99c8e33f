// A list on the wall that shows fewer items rather than smaller ones: it lays every item out at the
// wall's type scale, measures which fit in its box, keeps those, and ends with "另有 N 项" for the
// rest. Give it the items in the order that matters (overdue and most urgent first): the ones cut
// are the last. The box must have a bounded height (a flex child with min-height 0: .fit-list).
import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { fitCount, fitPick } from '../wall/type-scale';

interface Props<T> {
  items: readonly T[];
  keyOf(item: T): string;
  /** One item: an <li>. */
  render(item: T, index: number): ReactNode;
  className?: string;
  testId?: string;
  /** Changes when the items' text changes under the same keys (re-measure). */
  version?: string | number;
  /** Items kept whatever else is cut (fitPick), e.g. each response's heading. */
  pinned?(item: T): boolean;
}

export function FitList<T>({ items, keyOf, render, className, testId, version, pinned }: Props<T>) {
  const t = useT();
  const box = useRef<HTMLUListElement>(null);
  /** The indices shown (null: not measured yet, all laid out). */
  const [limit, setLimit] = useState<number[] | null>(null);
  const [size, setSize] = useState(0);
  const signature = `${items.map(keyOf).join('\u0001')}\u0002${version ?? ''}\u0002${size}`;
  const [measured, setMeasured] = useState(signature);
  // New items, new text or a new size: lay everything out again (before paint), then measure.
  if (measured !== signature) {
    setMeasured(signature);
    setLimit(null);
  }
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || limit !== null) return;
    const top = el.getBoundingClientRect().top;
    const bottoms = [...el.children].map((c) => c.getBoundingClientRect().bottom - top);
    const line = parseFloat(getComputedStyle(el).fontSize) || 20;
    const marker = line * 1.6;
    setLimit(
      pinned ? fitPick(bottoms, el.clientHeight, marker, items.map(pinned)) : Array.from({ length: fitCount(bottoms, el.clientHeight, marker) }, (_, i) => i),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measured once per signature (items, version, size)
  }, [limit, signature]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(() => setSize(Math.round(el.clientHeight) * 100_000 + Math.round(el.clientWidth)));
    watch.observe(el);
    return () => watch.disconnect();
  }, []);
  const shown = limit === null ? items : limit.filter((i) => i < items.length).map((i) => items[i]);
  const more = items.length - shown.length;
  return (
    <ul ref={box} className={className ? `fit-list ${className}` : 'fit-list'} data-testid={testId} data-shown={shown.length} data-total={items.length}>
      {shown.map((item, i) => (
        <Fragment key={keyOf(item)}>{render(item, i)}</Fragment>
      ))}
      {more > 0 && (
        <li className="fit-more" data-testid="fit-more" data-count={more}>
          {t('wall.moreItems', { n: more })}
        </li>
      )}
    </ul>
  );
}
