// Plan a drill (演练) or record one held: date held, who took part, what it found.
import { useState } from 'react';
import type { PlanSummary } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useCommands } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { useActor } from '../duty/ActorPicker';
import { Field, TextArea, TextField } from '../Field';
import { drillInputFrom, type DrillDraft } from './drill-draft';

export function DrillForm({ initial, plans, onDone }: { initial: DrillDraft; plans: PlanSummary[]; onDone(): void }) {
  const t = useT();
  const actor = useActor();
  const { saveDrill } = useCommands(plansSlice);
  const [d, setD] = useState(initial);
  const edit = (p: Partial<DrillDraft>): void => setD({ ...d, ...p });
  const save = async (): Promise<void> => {
    if (await saveDrill(drillInputFrom(d))) onDone();
  };
  return (
    <form
      className="drill-form"
      data-testid="drill-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-row">
        <Field label={t('drills.plan')}>
          <select className="wide" data-testid="drill-plan" value={d.planId} disabled={!!d.id} onChange={(e) => edit({ planId: e.target.value })}>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t('drills.title')} testId="drill-title" value={d.title} maxLength={80} onChange={(title) => edit({ title })} />
        <Field label={t('drills.plannedOn')}>
          <input type="date" data-testid="drill-planned-on" value={d.plannedOn} onChange={(e) => edit({ plannedOn: e.target.value })} />
        </Field>
        <Field label={t('drills.heldOn')} hint={t('drills.heldOnHint')}>
          <input type="date" data-testid="drill-held-on" value={d.heldOn} onChange={(e) => edit({ heldOn: e.target.value })} />
        </Field>
      </div>
      <div className="form-row">
        <TextField
          label={t('drills.participants')}
          testId="drill-participants"
          value={d.participants}
          className="wide"
          maxLength={1000}
          onChange={(participants) => edit({ participants })}
        />
        <TextField
          label={t('drills.count')}
          testId="drill-count"
          value={d.participantCount}
          className="narrow"
          inputMode="numeric"
          onChange={(participantCount) => edit({ participantCount })}
        />
        <TextArea
          label={t('drills.findings')}
          testId="drill-findings"
          value={d.findings}
          className="wide"
          rows={2}
          maxLength={4000}
          onChange={(findings) => edit({ findings })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="save-drill" disabled={!actor || !d.planId}>
          {t(d.id ? 'drills.save' : 'drills.add')}
        </button>
        <button type="button" onClick={onDone}>
          {t('dutyForm.cancel')}
        </button>
      </div>
    </form>
  );
}
