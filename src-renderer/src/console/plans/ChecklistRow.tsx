// One checklist item of a live response: what, who, when due (red once overdue), its status and
// note. Ticking saves status and note together; not applicable needs a note saying why.
import { useState } from 'react';
import { ACTION_STATUS_LABELS, ActionStatus, type ResponseAction } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { isOverdue } from '../../state/plans/checklist';
import { hhmm } from '../../state/duty/format';
import { plansSlice } from '../../state/plans/plans-slice';

export function ChecklistRow({ responseId, action, now, canEdit }: { responseId: string; action: ResponseAction; now: number; canEdit: boolean }) {
  const t = useT();
  const label = useLabel();
  const { updateAction } = useCommands(plansSlice);
  const [status, setStatus] = useState(action.status);
  const [note, setNote] = useState(action.note);
  // What the server held when this row's draft began. Every change to the response brings new
  // objects for all its items, so the draft resets only when this item itself changed (our save or
  // another seat's), never because a neighbouring item was ticked while this one was being edited.
  const version = `${action.status}\u0000${action.note}\u0000${action.updatedAt}`;
  const [shown, setShown] = useState(version);
  if (version !== shown) {
    setShown(version);
    setStatus(action.status);
    setNote(action.note);
  }
  const overdue = isOverdue(action, now);
  const dirty = status !== action.status || note.trim() !== action.note;
  return (
    <tr
      className={overdue ? 'overdue' : undefined}
      data-testid="checklist-row"
      data-id={action.id}
      data-status={action.status}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <td className="nowrap">{action.level}</td>
      <td>{action.text}</td>
      <td>{action.owner}</td>
      <td className="tabular nowrap">
        {hhmm(action.dueAt)}
        {overdue && <b className="overdue-word"> {t('checklist.overdue')}</b>}
      </td>
      <td>
        <select
          data-testid="action-status"
          aria-label={`${t('checklist.status')} · ${action.text}`}
          value={status}
          disabled={!canEdit}
          onChange={(e) => setStatus(e.target.value as ActionStatus)}
        >
          {ActionStatus.options.map((s) => (
            <option key={s} value={s}>
              {label(ACTION_STATUS_LABELS[s])}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          data-testid="action-note"
          aria-label={`${t('checklist.note')} · ${action.text}`}
          value={note}
          maxLength={2000}
          disabled={!canEdit}
          placeholder={status === 'na' ? t('checklist.naNote') : ''}
          onChange={(e) => setNote(e.target.value)}
        />
      </td>
      <td>
        <button
          type="button"
          className={dirty ? 'primary' : ''}
          data-testid="action-save"
          disabled={!canEdit || !dirty}
          onClick={() =>
            void updateAction(responseId, action.id, {
              status: status !== action.status ? status : undefined,
              note: note.trim() !== action.note ? note.trim() : undefined,
            })
          }
        >
          {t('checklist.save')}
        </button>
        {action.updatedBy && <div className="field-hint">{t('checklist.by', { name: action.updatedBy.name, time: hhmm(action.updatedAt) })}</div>}
      </td>
    </tr>
  );
}
