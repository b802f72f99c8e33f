// Start a response from a plan at one of its levels: the level's actions become the checklist.
import { useState } from 'react';
import { RESPONSE_LEVEL_LABELS, type Plan, type ResponseLevel } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { useActor } from '../duty/ActorPicker';
import { Field } from '../Field';

export function ActivateForm({ plan, onActivated }: { plan: Plan; onActivated(responseId: string): void }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const { activatePlan } = useCommands(plansSlice);
  const levels = plan.responseLevels.map((l) => l.level);
  const [level, setLevel] = useState<ResponseLevel>(levels[levels.length - 1]);
  const [note, setNote] = useState('');
  const activate = async (): Promise<void> => {
    const r = await activatePlan(plan.id, level, note);
    if (r) onActivated(r.id);
  };
  return (
    <div className="form-actions activate-form">
      <Field label={t('escalate.level')}>
        <select data-testid="activate-level" value={level} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {label(RESPONSE_LEVEL_LABELS[l])}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('escalate.note')}>
        <input className="wide" data-testid="activate-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="button" className="primary" data-testid="activate-plan" disabled={!actor} onClick={() => void activate()}>
        {t('library.activate')}
      </button>
    </div>
  );
}
