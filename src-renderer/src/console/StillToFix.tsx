// Beside a disabled submit button: which fields still keep it disabled, by their labels.
import { useT } from '../i18n/use-t';
import type { FieldErrors } from '../shared/error-text';

export function StillToFix({ errors, labels }: { errors: FieldErrors; labels: Readonly<Record<string, string>> }) {
  const t = useT();
  const names = [...new Set(Object.keys(errors).map((path) => labels[path.split('.')[0]] ?? labels[path] ?? path))];
  if (names.length === 0) return null;
  return (
    <span className="field-hint still-to-fix" data-testid="still-to-fix">
      {t('form.stillToFix', { fields: names.join(t('form.listSeparator')) })}
    </span>
  );
}
