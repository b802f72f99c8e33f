// A select over one of the contract's enums, labelled in the current language.
import type { Label } from '@contract/duty';
import { useLabel } from '../../shared/label';
import { Field } from '../Field';

interface Props<V extends string> {
  label: string;
  testId: string;
  value: V;
  options: readonly V[];
  labels: Record<V, Label>;
  onChange(value: V): void;
  disabled?: boolean;
}

export function EnumSelect<V extends string>({ label, testId, value, options, labels, onChange, disabled }: Props<V>) {
  const l = useLabel();
  return (
    <Field label={label}>
      <select data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {l(labels[o])}
          </option>
        ))}
      </select>
    </Field>
  );
}
