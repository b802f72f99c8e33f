// The kind-specific fields of a map object's form.
import { GEOHAZARD_TYPE_LABELS, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, TEAM_STATUS_LABELS } from '@contract/map';
import type { Label } from '@contract/duty';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { Field } from '../Field';
import { KIND_FIELDS, type Draft } from './object-draft';

const CHOICES: Record<string, Record<string, Label>> = {
  level: RISK_LEVEL_LABELS,
  category: RISK_CATEGORY_LABELS,
  status: TEAM_STATUS_LABELS,
  hazardType: GEOHAZARD_TYPE_LABELS,
};

export function ObjectFields({ draft, set }: { draft: Draft; set(field: string, value: string | boolean): void }) {
  const t = useT();
  const label = useLabel();
  return (
    <div className="form-row">
      {KIND_FIELDS[draft.kind].map((f) => {
        const v = draft[f];
        const name = t(`mapForm.field.${f}` as Parameters<typeof t>[0]);
        if (typeof v === 'boolean')
          return (
            <label key={f} className="field">
              <span className="field-label">{name}</span>
              <input type="checkbox" data-testid={`map-form-${f}`} checked={v} onChange={(e) => set(f, e.target.checked)} />
            </label>
          );
        if (CHOICES[f])
          return (
            <Field key={f} label={name}>
              <select data-testid={`map-form-${f}`} value={v} onChange={(e) => set(f, e.target.value)}>
                {Object.entries(CHOICES[f]).map(([k, l]) => (
                  <option key={k} value={k}>
                    {label(l)}
                  </option>
                ))}
              </select>
            </Field>
          );
        return (
          <Field key={f} label={name} hint={f === 'stock' ? t('mapForm.stockHint') : undefined}>
            <input data-testid={`map-form-${f}`} value={v} onChange={(e) => set(f, e.target.value)} />
          </Field>
        );
      })}
    </div>
  );
}
