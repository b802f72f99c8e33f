// One live response on the console: its checklist to tick, level, notes, close, and timeline.
// Follows the plans slice's copy (pushed live) and re-reads the timeline when it changes.
import { useT } from '../../i18n/use-t';
import { DemoTag } from '../../panels/duty-now/DemoTag';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { checklistProgress } from '../../state/plans/checklist';
import { plansSlice } from '../../state/plans/plans-slice';
import { dateTime, ROMAN } from '../../state/duty/format';
import { useActor } from '../duty/ActorPicker';
import { ChecklistTable } from './ChecklistTable';
import { ResponseControls } from './ResponseControls';
import { ResponseTimeline } from './ResponseTimeline';
import { useRead } from './use-plans';

export function ResponseConsole({ id }: { id: string }) {
  const t = useT();
  const actor = useActor();
  const now = useServerNow(15_000);
  const response = useSlice(plansSlice, (s) => s.responses.find((r) => r.id === id) ?? null);
  const detail = useRead('plans.getResponse', { id }, response);
  if (!response) return <p className="unset">{t('response.gone')}</p>;
  const p = checklistProgress(response.actions, now);
  return (
    <div className="response-console" data-testid="response-console" data-id={response.id} data-level={response.level}>
      <h3>
        <span className={`level-chip level-${response.level}`}>{t('responses.level', { level: ROMAN[response.level] })}</span> {response.planTitle}
        {response.demo && <DemoTag inline />}
      </h3>
      <p className="meta-line" data-testid="response-summary-line">
        {t('response.activated', { name: response.activatedBy.name, time: dateTime(response.activatedAt) })} ·{' '}
        {t('responses.finished', { done: p.finished, total: p.total })} · {t('responses.overdue', { n: p.overdue.length })}
        {response.reportIds.length > 0 && ` · ${t('response.reports', { ids: response.reportIds.join('、') })}`}
      </p>
      <ChecklistTable response={response} canEdit={actor !== null} />
      <ResponseControls key={response.level} response={response} canEdit={actor !== null} />
      {detail && detail.id === id && <ResponseTimeline detail={detail} />}
    </div>
  );
}
