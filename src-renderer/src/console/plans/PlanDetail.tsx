// One plan in full: owner, version and revision dates, each response level with its trigger and
// actions (responsible unit, time limit), attachments; and starting a response from it.
import { PLAN_CATEGORY_LABELS, PLAN_LEVEL_LABELS, RESPONSE_LEVEL_LABELS } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { DemoTag } from '../../panels/duty-now/DemoTag';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { saveDownload } from '../duty/file-io';
import { ActivateForm } from './ActivateForm';
import { usePlansRead, useRead } from './use-plans';

export function PlanDetail({ id, onActivated }: { id: string; onActivated(responseId: string): void }) {
  const t = useT();
  const label = useLabel();
  const version = useSlice(plansSlice, (s) => s.libraryVersion);
  const running = useSlice(plansSlice, (s) => s.responses.find((r) => r.planId === id) ?? null);
  const read = usePlansRead();
  const plan = useRead('plans.get', { id }, version);
  if (!plan) return <p className="unset">{t('app.loading')}</p>;
  const download = async (sha256: string): Promise<void> => {
    const f = await read('plans.getAttachment', { planId: plan.id, sha256 });
    if (f) saveDownload({ fileName: f.name, mediaType: f.mediaType, base64: f.base64, rows: 0 });
  };
  return (
    <div className="plan-detail" data-testid="plan-detail" data-id={plan.id}>
      <h3>
        {plan.title}
        {plan.demo && <DemoTag inline />}
      </h3>
      <p className="meta-line">
        {label(PLAN_CATEGORY_LABELS[plan.category])} · {label(PLAN_LEVEL_LABELS[plan.level])}
        {plan.street && ` · ${plan.street}`} · {plan.ownerUnit} · {t('library.versionOn', { version: plan.version, date: plan.revisedOn })} ·{' '}
        <span className={plan.revisionOverdue ? 'overdue-word' : undefined}>{t('library.revisionDueOn', { date: plan.revisionDueOn })}</span>
      </p>
      {plan.summary && <p>{plan.summary}</p>}
      {plan.responseLevels.map((l) => (
        <details key={l.level} className="plan-level" open={l.level === plan.responseLevels[plan.responseLevels.length - 1].level}>
          <summary>
            <b>{label(RESPONSE_LEVEL_LABELS[l.level])}</b> {l.trigger && <span className="field-hint">— {l.trigger}</span>}
          </summary>
          <ol>
            {l.actions.map((a, i) => (
              <li key={i}>
                {a.text}{' '}
                <span className="field-hint">
                  · {a.unit} · {t('library.timeLimit', { m: a.timeLimitMinutes })}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ))}
      {plan.attachments.length > 0 && (
        <ul className="attachments">
          {plan.attachments.map((a) => (
            <li key={a.sha256}>
              <button type="button" className="link" onClick={() => void download(a.sha256)}>
                {a.name}
              </button>{' '}
              <span className="field-hint">{Math.ceil(a.size / 1024)} KiB</span>
            </li>
          ))}
        </ul>
      )}
      {running ? (
        <p className="saved-note">{t('library.runningAt', { level: label(RESPONSE_LEVEL_LABELS[running.level]) })}</p>
      ) : (
        <ActivateForm plan={plan} onActivated={onActivated} />
      )}
    </div>
  );
}
