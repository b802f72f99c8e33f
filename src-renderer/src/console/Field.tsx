// A labelled form control; the label wraps the control so clicking it focuses the control.
// TextField and TextArea are the common case: a text control bound to one value of a draft.
import type { HTMLAttributes, ReactNode } from 'react';

/** `error`: the field's problem in the page's language (use-draft-check.ts), said under it. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <label className={error ? 'field invalid' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}

interface TextProps {
  label: string;
  hint?: string;
  error?: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  className?: string;
  placeholder?: string;
  disabled?: boolean;
}

export function TextField({
  label,
  hint,
  error,
  testId,
  onChange,
  ...input
}: TextProps & { type?: 'text' | 'number' | 'password' | 'email' | 'url' | 'tel'; inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'] }) {
  return (
    <Field label={label} hint={hint} error={error}>
      <input data-testid={testId} aria-invalid={error ? true : undefined} {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function TextArea({ label, hint, error, testId, onChange, className = 'wide', rows = 3, ...input }: TextProps & { rows?: number }) {
  return (
    <Field label={label} hint={hint} error={error}>
      <textarea
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        className={className}
        rows={rows}
        {...input}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
