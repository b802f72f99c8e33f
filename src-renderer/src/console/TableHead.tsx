// A table's head row, one column heading per i18n key, in order (null: a column without a heading,
// such as one of buttons). The console's lists name their columns this way, so a column is one key
// in one list.
import type { MessageKey } from '../i18n';
import { useT } from '../i18n/use-t';

export function TableHead({ columns }: { columns: readonly (MessageKey | null)[] }) {
  const t = useT();
  return (
    <thead>
      <tr>{columns.map((key, i) => (key === null ? <th key={`-${i}`} /> : <th key={key}>{t(key)}</th>))}</tr>
    </thead>
  );
}
