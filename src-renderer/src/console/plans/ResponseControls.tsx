// What an officer does to a live response besides ticking: raise or lower its level with a
// reason, add a note to its timeline, or close it with a summary.
import { useState } from 'react';
import { RESPONSE_LEVEL_LABELS, ResponseLevel, type Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';

export function ResponseControls({ response, canEdit }: { response: Response; canEdit: boolean }) {
  const t = useT();
  const label = useLabel();
  const { changeLevel, addResponseNote, closeResponse } = useCommands(plansSlice);
  const [level, setLevel] = useState<ResponseLevel>(response.level);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [summary, setSummary] = useState('');
  const saveLevel = async (): Promise<void> => {
    if (await changeLevel(response.id, level, reason)) setReason('');
  };
  const saveNote = async (): Promise<void> => {
    if (await addResponseNote(response.id, note)) setNote('');
  };
  return (
    <div className="response-controls">
      <div className="form-actions">
        <Field label={t('response.level')}>
          <select data-testid="level-select" value={level} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
            {ResponseLevel.options.map((l) => (
              <option key={l} value={l}>
                {label(RESPONSE_LEVEL_LABELS[l])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('response.reason')}>
          <input className="wide" data-testid="level-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ConfirmButton
          testId="change-level"
          label={t('response.changeLevel')}
          title={t('confirm.changeLevelTitle')}
          consequence={t('confirm.changeLevelBody', {
            plan: response.planTitle,
            from: label(RESPONSE_LEVEL_LABELS[response.level]),
            to: label(RESPONSE_LEVEL_LABELS[level]),
          })}
          disabled={!canEdit || level === response.level}
          onConfirm={() => void saveLevel()}
        />
      </div>
      <div className="form-actions">
        <Field label={t('response.note')}>
          <input className="wide" data-testid="response-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="button" data-testid="add-note" disabled={!canEdit || note.trim() === ''} onClick={() => void saveNote()}>
          {t('response.addNote')}
        </button>
      </div>
      <div className="form-actions">
        <Field label={t('response.summary')}>
          <textarea className="wide" rows={2} data-testid="close-summary" value={summary} maxLength={4000} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <ConfirmButton
          testId="close-response"
          className="danger"
          label={t('response.close')}
          title={t('confirm.closeResponseTitle', { plan: response.planTitle })}
          consequence={<CloseConsequence response={response} />}
          disabled={!canEdit}
          onConfirm={() => void closeResponse(response.id, summary)}
        />
      </div>
    </div>
  );
}

/** Closing a response is final: say so, and name the actions still open (at most five). */
function CloseConsequence({ response }: { response: Response }) {
  const t = useT();
  const open = response.actions.filter((a) => a.status === 'pending' || a.status === 'in_progress');
  return (
    <>
      <p>{t('confirm.closeResponseBody')}</p>
      {open.length > 0 && (
        <>
          <p className="confirm-warning" data-testid="close-open-actions">
            {t('confirm.closeResponseOpen', { n: open.length, total: response.actions.length })}
          </p>
          <ul>
            {open.slice(0, 5).map((a) => (
              <li key={a.id}>
                {a.text}
                {a.overdue ? ` · ${t('confirm.overdue')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
