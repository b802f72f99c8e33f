// One of Yuexiu's 18 streets, in the district's official order; the value is the Chinese name.
import { YUEXIU_STREETS, type StreetName } from '@contract/yuexiu';
import { useLanguage, useT } from '../../i18n/use-t';
import { Field } from '../Field';

export function StreetSelect({
  testId,
  value,
  error,
  onChange,
}: {
  testId: string;
  value: StreetName | '';
  error?: string;
  onChange(street: StreetName | ''): void;
}) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Field label={t('reportForm.street')} error={error}>
      <select data-testid={testId} aria-invalid={error ? true : undefined} value={value} onChange={(e) => onChange(e.target.value as StreetName | '')}>
        <option value="">{t('reportForm.chooseStreet')}</option>
        {YUEXIU_STREETS.map((s) => (
          <option key={s.name} value={s.name}>
            {lang === 'en' ? `${s.nameEn} ${s.name}` : s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
