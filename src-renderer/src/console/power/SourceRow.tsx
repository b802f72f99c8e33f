// One configured source in the console's list: what it is, where, what it says now, and the
// edit and delete buttons (delete asks once more; the source's alarm history is kept).
import { useState } from 'react';
import type { PowerSourceView } from '@contract/power';
import { useT } from '../../i18n/use-t';
import { VERDICT_CLASS } from '../../panels/power/state-look';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';

export function SourceRow({ source, onEdit }: { source: PowerSourceView; onEdit(): void }) {
  const t = useT();
  const live = useSlice(powerSlice, (s) => s.sources.find((x) => x.id === source.id));
  const { deleteSource } = useCommands(powerSlice);
  const [confirming, setConfirming] = useState(false);
  const where = source.kind === 'nut' ? `${source.ups}@${source.host}:${source.port}` : `${source.host}:${source.port}`;
  return (
    <tr data-testid={`power-source-row-${source.id}`} data-kind={source.kind}>
      <td>
        <b>{source.name}</b>
        <div className="power-row-id">{source.id}</div>
      </td>
      <td>{t(`power.kind.${source.kind}`)}</td>
      <td className="power-row-where">{where}</td>
      <td>
        {!source.enabled ? (
          <span className="unset">{t('power.link.disabled')}</span>
        ) : live ? (
          <span className={VERDICT_CLASS[live.verdict]}>
            <span className="power-row-verdict">{t(`power.verdict.${live.verdict}`)}</span> · {t(`power.link.${live.link}`)}
          </span>
        ) : (
          <span className="unset">{t('power.link.connecting')}</span>
        )}
      </td>
      <td className="power-row-buttons">
        <button type="button" data-testid={`power-source-edit-${source.id}`} onClick={onEdit}>
          {t('powerConsole.edit')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" data-testid={`power-source-delete-confirm-${source.id}`} onClick={() => void deleteSource(source.id)}>
              {t('powerConsole.confirmDelete', { name: source.name })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('powerConsole.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="danger" data-testid={`power-source-delete-${source.id}`} onClick={() => setConfirming(true)}>
            {t('powerConsole.delete')}
          </button>
        )}
      </td>
    </tr>
  );
}
