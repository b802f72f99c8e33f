// The team register from an .xlsx workbook (sheet 救援队伍) into the map. All or nothing: a
// refusal lists every bad row, column and reason, and nothing is written.
import type { TeamImportProblem } from '@contract/teams';
import { useT } from '../../i18n/use-t';
import { useCommands } from '../../state/context';
import { teamsSlice } from '../../state/teams/teams-slice';
import { CommandStatus } from '../CommandStatus';
import { ImportProblems, XlsxFileButton } from '../XlsxImport';
import { fileToBase64 } from '../duty/file-io';
import { useCommand } from '../use-command';

export function TeamImport() {
  const t = useT();
  const { importTeams } = useCommands(teamsSlice);
  const cmd = useCommand();
  const problems = (cmd.errorData as { problems?: TeamImportProblem[] } | null)?.problems ?? [];
  const onFile = async (file: File): Promise<void> => {
    const base64 = await fileToBase64(file);
    await cmd.run(
      () => importTeams(base64),
      (r) => t('teams.imported', { name: file.name, created: r.created, updated: r.updated }),
    );
  };
  return (
    <div className="teams-import">
      <div className="form-actions">
        <XlsxFileButton label={t('teams.import')} testId="teams-import-file" onFile={onFile} />
        <span className="field-hint">{t('teams.importHint')}</span>
      </div>
      {problems.length > 0 ? (
        <ImportProblems
          problems={problems}
          refusal={t('teams.importRefused', { n: problems.length })}
          testId="teams-import-problems"
          rowTestId="teams-import-problem"
        />
      ) : (
        <CommandStatus cmd={cmd} testId="teams-import" />
      )}
    </div>
  );
}
