// What a handover carries, grouped as the incoming officer reads it: active plan responses (with
// their overdue actions), warnings in force, reports not closed, then notes. Used by the draft
// (each with its carry box), the pending handover and the handover record.
import type { ReactNode } from 'react';
import type { HandoverItem } from '@contract/duty';
import { useT } from '../../../i18n/use-t';

export type ItemKind = NonNullable<HandoverItem['kind']>;
export const KIND_ORDER: readonly ItemKind[] = ['response', 'warning', 'report', 'note'];

export function kindOf(item: HandoverItem): ItemKind {
  return item.kind ?? (item.reportId ? 'report' : 'note');
}

/** The items of each kind in KIND_ORDER, keeping each item's index in the list given. */
export function groupItems<T extends HandoverItem>(items: readonly T[]): { kind: ItemKind; items: { item: T; index: number }[] }[] {
  return KIND_ORDER.map((kind) => ({ kind, items: items.flatMap((item, index) => (kindOf(item) === kind ? [{ item, index }] : [])) })).filter(
    (g) => g.items.length > 0,
  );
}

export function HandoverItems<T extends HandoverItem>({ items, render }: { items: readonly T[]; render?: (item: T, index: number) => ReactNode }) {
  const t = useT();
  return (
    <div className="handover-items" data-testid="handover-items">
      {groupItems(items).map((g) => (
        <section key={g.kind} className="handover-group" data-kind={g.kind} aria-label={t(`handover.kind.${g.kind}`)}>
          <h4>
            {t(`handover.kind.${g.kind}`)}（{g.items.length}）
          </h4>
          <ul className="check-list">
            {g.items.map(({ item, index }) => (
              <li key={index} data-testid="handover-item-line" data-kind={g.kind}>
                {render ? render(item, index) : item.text}
                {item.details && item.details.length > 0 && (
                  <ul className="handover-details">
                    {item.details.map((d, k) => (
                      <li key={k}>{d}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
