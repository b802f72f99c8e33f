// Roster workbook import (.xlsx, sheet 排班表) and export. An import is all or nothing: a
// refusal lists every bad row, column and reason, and nothing is written.
import { useRef, useState } from 'react';
import type { RosterPeriod } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useCommands, useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { useActor } from '../ActorPicker';
import { fileToBase64, saveDownload } from '../file-io';

export function RosterImport({ period }: { period: RosterPeriod }) {
  const t = useT();
  const actor = useActor();
  const problems = useSlice(dutySlice, (d) => d.importProblems);
  const { importRoster, exportRoster } = useCommands(dutySlice);
  const [result, setResult] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setResult(null);
    const r = await importRoster(await fileToBase64(file));
    if (input.current) input.current.value = ''; // the same file can be chosen again after a fix
    if (r) setResult(t('roster.imported', { name: file.name, created: r.created, updated: r.updated, unchanged: r.unchanged, people: r.peopleCreated }));
  };
  const exportPeriod = async (): Promise<void> => {
    const file = await exportRoster(period);
    if (file) saveDownload(file);
  };

  return (
    <div className="roster-io">
      <div className="form-actions">
        <label className={actor ? 'file-button' : 'file-button disabled'}>
          {t('roster.import')}
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="roster-import-file"
            disabled={!actor}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        <button type="button" data-testid="roster-export" onClick={() => void exportPeriod()}>
          {t('roster.export')}
        </button>
        <span className="field-hint">{t('roster.importHint')}</span>
      </div>
      {result && (
        <p className="saved-note" role="status" data-testid="roster-import-result">
          {result}
        </p>
      )}
      {problems && problems.length > 0 && (
        <div className="import-problems" role="alert" data-testid="roster-import-problems">
          <p>{t('roster.refused', { n: problems.length })}</p>
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
                <tr key={i} data-testid="import-problem" data-row={p.row} data-column={p.column}>
                  <td className="tabular">{p.row || '—'}</td>
                  <td>{p.column || '—'}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
