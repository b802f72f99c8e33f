// Plan a drill (演练) or record one held: date held, who took part, what it found.
import { useState } from 'react';
import type { PlanSummary } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useCommands } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { useActor } from '../duty/ActorPicker';
import { Field } from '../Field';
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
        <Field label={t('drills.title')}>
          <input data-testid="drill-title" value={d.title} maxLength={80} onChange={(e) => edit({ title: e.target.value })} />
        </Field>
        <Field label={t('drills.plannedOn')}>
          <input type="date" data-testid="drill-planned-on" value={d.plannedOn} onChange={(e) => edit({ plannedOn: e.target.value })} />
        </Field>
        <Field label={t('drills.heldOn')} hint={t('drills.heldOnHint')}>
          <input type="date" data-testid="drill-held-on" value={d.heldOn} onChange={(e) => edit({ heldOn: e.target.value })} />
        </Field>
      </div>
      <div className="form-row">
        <Field label={t('drills.participants')}>
          <input
            className="wide"
            data-testid="drill-participants"
            value={d.participants}
            maxLength={1000}
            onChange={(e) => edit({ participants: e.target.value })}
          />
        </Field>
        <Field label={t('drills.count')}>
          <input
            className="narrow"
            inputMode="numeric"
            data-testid="drill-count"
            value={d.participantCount}
            onChange={(e) => edit({ participantCount: e.target.value })}
          />
        </Field>
        <Field label={t('drills.findings')}>
          <textarea
            className="wide"
            rows={2}
            data-testid="drill-findings"
            value={d.findings}
            maxLength={4000}
            onChange={(e) => edit({ findings: e.target.value })}
          />
        </Field>
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
