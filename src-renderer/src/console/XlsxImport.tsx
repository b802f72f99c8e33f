// The pieces every .xlsx import in the console shows alike (roster, stock, teams): the file button,
// and a refusal's problems (the line saying nothing was imported, then each row, column and
// reason, the reason in the page's language: the hub gives it as { zh, en }). Each import keeps
// its own test ids, passed in.
import { useRef } from 'react';
import type { Bilingual } from '@contract/errors';
import { useLanguage, useT } from '../i18n/use-t';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A button that picks one .xlsx file; the input is cleared after `onFile`, so the same file can be chosen again after a fix. */
export function XlsxFileButton({
  label,
  testId,
  disabled = false,
  onFile,
}: {
  label: string;
  testId: string;
  disabled?: boolean;
  onFile: (file: File) => Promise<void>;
}) {
  const input = useRef<HTMLInputElement>(null);
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      await onFile(file);
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <label className={disabled ? 'file-button disabled' : 'file-button'}>
      {label}
      <input ref={input} type="file" accept={XLSX_ACCEPT} data-testid={testId} disabled={disabled} onChange={(e) => void pick(e.target.files?.[0])} />
    </label>
  );
}

export interface ImportProblem {
  /** The row as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** The column's header as the workbook writes it, or '' for the row as a whole. */
  column: string;
  /** Why, in both languages (a plain text from an older hub is shown as it is). */
  reason: Bilingual | string;
}

/** A problem's reason in the page's language. */
export function reasonText(reason: Bilingual | string, lang: 'zh-CN' | 'en'): string {
  if (typeof reason === 'string') return reason;
  return (lang === 'en' ? reason.en : reason.zh) || reason.zh || reason.en;
}

/** A refused import: `refusal` says so, then a row per problem (nothing when there is none). */
export function ImportProblems({
  problems,
  refusal,
  testId,
  rowTestId = 'import-problem',
}: {
  problems: readonly ImportProblem[] | null;
  refusal: string;
  testId: string;
  rowTestId?: string;
}) {
  const t = useT();
  const lang = useLanguage();
  if (!problems || problems.length === 0) return null;
  return (
    <div className="import-problems" role="alert" data-testid={testId}>
      <p>{refusal}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('roster.problemRow')}</th>
            <th>{t('roster.problemColumn')}</th>
            <th>{t('roster.problemReason')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} data-testid={rowTestId} data-row={p.row} data-column={p.column}>
              <td className="tabular">{p.row || '—'}</td>
              <td>{p.column || '—'}</td>
              <td>{reasonText(p.reason, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
