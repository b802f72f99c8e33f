// Roster workbook import (.xlsx, sheet 排班表) and export. An import is all or nothing: a
// refusal lists every bad row, column and reason, and nothing is written.
import { useState } from 'react';
import type { RosterPeriod } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useCommands, useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { ImportProblems, XlsxFileButton } from '../../XlsxImport';
import { useActor } from '../ActorPicker';
import { fileToBase64, saveDownload } from '../file-io';

export function RosterImport({ period }: { period: RosterPeriod }) {
  const t = useT();
  const actor = useActor();
  const problems = useSlice(dutySlice, (d) => d.importProblems);
  const { importRoster, exportRoster } = useCommands(dutySlice);
  const [result, setResult] = useState<string | null>(null);

  const onFile = async (file: File): Promise<void> => {
    setResult(null);
    const r = await importRoster(await fileToBase64(file));
    if (r) setResult(t('roster.imported', { name: file.name, created: r.created, updated: r.updated, unchanged: r.unchanged, people: r.peopleCreated }));
  };
  const exportPeriod = async (): Promise<void> => {
    const file = await exportRoster(period);
    if (file) saveDownload(file);
  };

  return (
    <div className="roster-io">
      <div className="form-actions">
        <XlsxFileButton label={t('roster.import')} testId="roster-import-file" disabled={!actor} onFile={onFile} />
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
      <ImportProblems problems={problems} refusal={t('roster.refused', { n: problems?.length ?? 0 })} testId="roster-import-problems" />
    </div>
  );
}
