// A console list as a scrolling table whose rows are picked by a click or by keyboard (the duty
// log, the plan library, the drills): one row an item, `clickable`, with its id (and status,
// where it has one) on the row for the tests, and the picked one marked `selected`. One row is in
// the tab order (the picked one, else the first); ↑ ↓ Home End move between rows, Enter or Space
// picks.
import type { KeyboardEvent, ReactNode } from 'react';

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => Math.min(i + 1, n - 1),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, n) => n - 1,
};

interface Props<T extends { id: string }> {
  /** The column headings, in order. */
  headers: ReactNode[];
  items: readonly T[];
  /** data-testid of every row. */
  rowTestId: string;
  /** A class beside the scroll box's own (its height), if any. */
  scrollClass?: string;
  /** The row's class beside `clickable` (its status colour), if any. */
  rowClass?(item: T): string;
  /** data-status of the row, if the items have one. */
  status?(item: T): string;
  selectedId?: string | null;
  onPick(item: T): void;
  /** The row's cells (`<td>`s). */
  cells(item: T): ReactNode;
}

export function PickTable<T extends { id: string }>({ headers, items, rowTestId, scrollClass, rowClass, status, selectedId, onPick, cells }: Props<T>) {
  const focusable = items.some((i) => i.id === selectedId) ? selectedId : items[0]?.id;
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, item: T, index: number): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(item);
      return;
    }
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const rows = e.currentTarget.parentElement?.children;
    (rows?.[move(index, items.length)] as HTMLElement | undefined)?.focus();
  };
  return (
    <div className={scrollClass ? `table-scroll ${scrollClass}` : 'table-scroll'}>
      <table className="data-table">
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr
              key={item.id}
              tabIndex={item.id === focusable ? 0 : -1}
              aria-selected={item.id === selectedId}
              onKeyDown={(e) => onKey(e, item, index)}
              className={['clickable', rowClass?.(item), item.id === selectedId && 'selected'].filter(Boolean).join(' ')}
              data-testid={rowTestId}
              data-id={item.id}
              data-status={status?.(item)}
              onClick={() => onPick(item)}
            >
              {cells(item)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
