// One live response on the console: its checklist to tick, level, notes, close, and timeline.
// Follows the plans slice's copy (pushed live) and re-reads the timeline when it changes.
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { DemoTag } from '../../panels/duty-now/DemoTag';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { checklistProgress } from '../../state/plans/checklist';
import { plansSlice } from '../../state/plans/plans-slice';
import { dutySlice } from '../../state/duty/duty-slice';
import { dateTime, ROMAN } from '../../state/duty/format';
import { useActor } from '../duty/ActorPicker';
import { ChecklistTable } from './ChecklistTable';
import { ResponseControls } from './ResponseControls';
import { ResponseTimeline } from './ResponseTimeline';
import { useRead } from './use-plans';

/** `focus`: take the keyboard when it opens (an escalation just started it), so work continues here. */
export function ResponseConsole({ id, focus = false }: { id: string; focus?: boolean }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const actor = useActor();
  const now = useServerNow(15_000);
  const response = useSlice(plansSlice, (s) => s.responses.find((r) => r.id === id) ?? null);
  const detail = useRead('plans.getResponse', { id }, response);
  // Reports by what they are (street and summary), never by id.
  const reports = useSlice(dutySlice, (d) => d.reports);
  const present = response !== null;
  useEffect(() => {
    if (focus && present) heading.current?.focus();
  }, [focus, present]);
  if (!response) return <p className="unset">{t('response.gone')}</p>;
  const p = checklistProgress(response.actions, now);
  return (
    <div className="response-console" data-testid="response-console" data-id={response.id} data-level={response.level}>
      <h3 ref={heading} tabIndex={-1} data-testid="response-console-heading">
        <span className={`level-chip level-${response.level}`}>{t('responses.level', { level: ROMAN[response.level] })}</span> {response.planTitle}
        {response.demo && <DemoTag inline />}
      </h3>
      <p className="meta-line" data-testid="response-summary-line">
        {t('response.activated', { name: response.activatedBy.name, time: dateTime(response.activatedAt) })} ·{' '}
        {t('responses.finished', { done: p.finished, total: p.total })} · {t('responses.overdue', { n: p.overdue.length })}
        {response.reportIds.length > 0 &&
          ` · ${t('response.reports', {
            ids: response.reportIds
              .map((rid) => {
                const r = reports.find((x) => x.id === rid);
                return r ? `${r.street}：${r.summary.slice(0, 30)}` : t('response.reportUnnamed');
              })
              .join(t('form.listSeparator')),
          })}`}
      </p>
      <ChecklistTable response={response} canEdit={actor !== null} />
      <ResponseControls key={response.level} response={response} canEdit={actor !== null} />
      {detail && detail.id === id && <ResponseTimeline detail={detail} />}
    </div>
  );
}
