// A labelled form control; the label wraps the control so clicking it focuses the control.
// TextField and TextArea are the common case: a text control bound to one value of a draft.
import type { HTMLAttributes, ReactNode } from 'react';

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

interface TextProps {
  label: string;
  hint?: string;
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
  testId,
  onChange,
  ...input
}: TextProps & { type?: 'text' | 'number' | 'password' | 'email' | 'url' | 'tel'; inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'] }) {
  return (
    <Field label={label} hint={hint}>
      <input data-testid={testId} {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function TextArea({ label, hint, testId, onChange, className = 'wide', rows = 3, ...input }: TextProps & { rows?: number }) {
  return (
    <Field label={label} hint={hint}>
      <textarea data-testid={testId} className={className} rows={rows} {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
