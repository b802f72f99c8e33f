// The request form's draft and what it sends (materials.request's request), checked with the
// contract's own schema as the person types.
import type { RequestInput } from '@contract/materials';

export interface RequestDraft {
  street: string;
  items: { item: string; unit: string; quantity: string }[];
  purpose: string;
}

export const emptyLine = () => ({ item: '', unit: '', quantity: '' });
export const emptyRequestDraft = (street: string): RequestDraft => ({ street, items: [emptyLine()], purpose: '' });

export function requestFrom(d: RequestDraft): RequestInput {
  return {
    street: d.street as RequestInput['street'],
    items: d.items.map((l) => ({ item: l.item, unit: l.unit, quantity: l.quantity.trim() === '' ? Number.NaN : Number(l.quantity) })),
    purpose: d.purpose,
  };
}
