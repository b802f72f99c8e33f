// What a TextField or TextArea takes from one text field of a draft: its label, its problem (once
// shown, use-draft-check.ts), its value and the edit that sets it. A form writes
// `<TextField {...field('item')} testId="…" />` instead of naming the field four times. `check` is the
// form's DraftCheck, or anything that says a field's problem by the draft's field name (a form whose
// draft fields are not the schema's paths maps them itself).
import type { DraftCheck } from './use-draft-check';

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

export function draftField<D extends object>(
  d: D,
  edit: (p: Partial<D>) => void,
  check: Pick<DraftCheck, 'shown'>,
  labels: Readonly<Record<string, string>>,
): (name: TextKeys<D>) => { label: string; error: string | undefined; value: string; onChange(value: string): void } {
  return (name) => ({
    label: labels[name] ?? name,
    error: check.shown(name),
    value: d[name] as string,
    onChange: (value) => edit({ [name]: value } as Partial<D>),
  });
}
