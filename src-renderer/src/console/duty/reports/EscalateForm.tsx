// Escalate a report into a plan response (plans.activate with its reportId): choose the plan
// (those of the matching category first) and the response level. A plan already responding
// takes the report into that response instead (plans.linkReport).
import { useEffect, useState } from 'react';
import type { Report } from '@contract/duty';
import { RESPONSE_LEVEL_LABELS, type PlanSummary, type ResponseLevel } from '@contract/plans';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';
import { useCommands, useSlice } from '../../../state/context';
import { plansSlice, type PlansRead } from '../../../state/plans/plans-slice';
import { Field } from '../../Field';
import { useActor } from '../ActorPicker';
import { openInConsole } from '../console-tab';
import { plansForReport } from './escalate';
import { useResponseNames } from './response-names';

export function EscalateForm({ report }: { report: Report }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const plansCommands = useCommands(plansSlice);
  const { escalateReport, linkReport } = plansCommands;
  const read = plansCommands.read as PlansRead;
  const libraryVersion = useSlice(plansSlice, (p) => p.libraryVersion);
  const responses = useSlice(plansSlice, (p) => p.responses);
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [planId, setPlanId] = useState('');
  const [level, setLevel] = useState<ResponseLevel | ''>('');
  const [note, setNote] = useState('');
  useEffect(() => {
    void read('plans.list', {}).then((p) => p && setPlans(p));
  }, [libraryVersion, read]);

  const ordered = plansForReport(plans, report.category);
  const plan = ordered.find((p) => p.id === planId) ?? ordered[0];
  // The least severe level is the usual start; the officer raises it if the report warrants.
  const chosenLevel = plan && level && plan.levels.includes(level) ? level : plan?.levels[plan.levels.length - 1];
  const running = plan ? responses.find((r) => r.planId === plan.id) : undefined;
  const linked = running ? report.responseIds.includes(running.id) : false;
  const [runningName] = useResponseNames(running ? [running.id] : []);
  // The new response opens in 预案 with its detail and the keyboard on it: work continues there.
  const escalate = async (): Promise<void> => {
    const started = plan && chosenLevel ? await escalateReport(report.id, plan.id, chosenLevel, note) : null;
    if (!started) return;
    setNote('');
    openInConsole({ tab: 'plans', responseId: started.id });
  };

  return (
    <fieldset className="escalate-form" data-testid="escalate-form">
      <legend>{t('escalate.title')}</legend>
      <div className="form-row">
        <Field label={t('escalate.plan')}>
          <select className="wide" data-testid="escalate-plan" value={plan?.id ?? ''} onChange={(e) => setPlanId(e.target.value)}>
            {ordered.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </Field>
        {!running && plan && (
          <Field label={t('escalate.level')}>
            <select data-testid="escalate-level" value={chosenLevel ?? ''} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
              {plan.levels.map((l) => (
                <option key={l} value={l}>
                  {label(RESPONSE_LEVEL_LABELS[l])}
                </option>
              ))}
            </select>
          </Field>
        )}
        {!running && (
          <Field label={t('escalate.note')}>
            <input className="wide" data-testid="escalate-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </Field>
        )}
      </div>
      <div className="form-actions">
        {running ? (
          linked ? (
            <span className="saved-note">
              {t('escalate.alreadyLinked', { name: runningName?.name ?? running.planTitle })}{' '}
              <button
                type="button"
                className="link-button"
                data-testid="open-running-response"
                onClick={() => openInConsole({ tab: 'plans', responseId: running.id })}
              >
                {t('escalate.openResponse')}
              </button>
            </span>
          ) : (
            <button type="button" className="primary" data-testid="link-report" disabled={!actor} onClick={() => void linkReport(running.id, report.id)}>
              {t('escalate.link', { level: label(RESPONSE_LEVEL_LABELS[running.level]) })}
            </button>
          )
        ) : (
          <button type="button" className="primary" data-testid="escalate-report" disabled={!actor || !plan || !chosenLevel} onClick={() => void escalate()}>
            {t('escalate.activate')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
