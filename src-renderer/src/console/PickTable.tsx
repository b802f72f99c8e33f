// A console list as a scrolling table whose rows are picked by a click (the duty log, the plan
// library, the drills): one row an item, `clickable`, with its id (and status, where it has one)
// on the row for the tests, and the picked one marked `selected`.
import type { ReactNode } from 'react';

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
          {items.map((item) => (
            <tr
              key={item.id}
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
