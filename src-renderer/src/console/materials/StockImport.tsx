// Stock from an .xlsx workbook (sheet 库存; columns 地点, 物资名称, 单位, 数量, 有效期, 事由), each row
// a movement in. All or nothing: a refusal lists every bad row, column and reason, and nothing is
// written.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { CommandStatus } from '../CommandStatus';
import { ImportProblems, XlsxFileButton } from '../XlsxImport';
import { useActor } from '../duty/ActorPicker';
import { fileToBase64 } from '../duty/file-io';
import { useCommand } from '../use-command';

export function StockImport() {
  const t = useT();
  const actor = useActor();
  const problems = useSlice(materialsSlice, (s) => s.importProblems);
  const { importStock } = useCommands(materialsSlice);
  const cmd = useCommand();
  const [name, setName] = useState('');
  const onFile = async (file: File): Promise<void> => {
    setName(file.name);
    const fileBase64 = await fileToBase64(file);
    await cmd.run(
      () => importStock(fileBase64),
      (r) => t('materials.imported', { name: file.name, n: r.rows }),
    );
  };
  return (
    <section className="console-section materials-import" data-testid="stock-import">
      <h2>{t('materials.importTitle')}</h2>
      <div className="form-actions">
        <XlsxFileButton label={t('materials.import')} testId="stock-import-file" disabled={!actor || cmd.busy} onFile={onFile} />
        <span className="field-hint">{t('materials.importHint')}</span>
        <CommandStatus cmd={cmd} testId="stock-import" />
      </div>
      <ImportProblems problems={problems} refusal={t('materials.importRefused', { name, n: problems?.length ?? 0 })} testId="stock-import-problems" />
    </section>
  );
}
