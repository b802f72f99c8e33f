// A console form checks what it would send with the contract's own schema, as the person types
// (the hub makes the same check): problems are said next to their field in the page's language,
// and the form's submit stays disabled while any remains. A field's problem shows once the person
// has edited it, or every problem after a submit was tried, not on an empty form.
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { useT } from '../i18n/use-t';
import { fieldErrors, type FieldErrors, type Issue } from '../shared/error-text';

export interface DraftCheck {
  valid: boolean;
  /** Every problem, by field path ("summary", "coordinates.lat"). */
  errors: FieldErrors;
  /** The problem to show next to a field (the first under that path), if the field was edited or a submit tried. */
  shown(path: string): string | undefined;
  /** Marks fields as edited. */
  touch(...paths: string[]): void;
  /** A submit was tried: show every problem. */
  attempt(): void;
  /** A fresh form again. */
  reset(): void;
}

export function useDraftCheck(schema: z.ZodType, value: unknown, extra: readonly Issue[] = []): DraftCheck {
  const t = useT();
  const [touched, setTouched] = useState<ReadonlySet<string> | 'all'>(() => new Set());
  const errors = useMemo(() => {
    const r = schema.safeParse(value, { reportInput: true });
    return fieldErrors(t, [...extra, ...(r.success ? [] : (r.error.issues as Issue[]))]);
  }, [schema, value, extra, t]);
  const shown = (path: string): string | undefined => {
    if (touched !== 'all' && !touched.has(path.split('.')[0])) return undefined;
    const key = Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`));
    return key === undefined ? undefined : errors[key];
  };
  return {
    valid: Object.keys(errors).length === 0,
    errors,
    shown,
    touch: (...paths) => setTouched((prev) => (prev === 'all' ? prev : new Set([...prev, ...paths]))),
    attempt: () => setTouched('all'),
    reset: () => setTouched(new Set()),
  };
}
