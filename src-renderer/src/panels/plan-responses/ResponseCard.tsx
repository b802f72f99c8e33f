// One live response: level, plan, since when, checklist progress, then the overdue items in
// red and the next ones due. Overdue is recounted from dueAt with the server's clock.
import type { Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { checklistProgress } from '../../state/plans/checklist';
import { durationParts, hhmm, ROMAN } from '../../state/duty/format';
import { DemoTag } from '../duty-now/DemoTag';
import { ActionLine } from './ActionLine';
import { ProgressBar } from './ProgressBar';

/** Upcoming items shown after the overdue ones (the cell cuts off what does not fit). */
const UPCOMING = 3;

export function ResponseCard({ response, now }: { response: Response; now: number }) {
  const t = useT();
  const progress = checklistProgress(response.actions, now);
  const running = durationParts(now - response.activatedAt);
  return (
    <section className={`resp-card level-${response.level}`} data-testid="plan-response" data-id={response.id} data-level={response.level}>
      <header className="resp-head">
        <span className="resp-level" data-testid="response-level">
          {t('responses.level', { level: ROMAN[response.level] })}
        </span>
        <span className="resp-title">{response.planTitle}</span>
        {response.demo && <DemoTag inline />}
        <span className="resp-since tabular">{t('responses.since', { time: hhmm(response.activatedAt), h: running.h, m: running.m })}</span>
      </header>
      <ProgressBar progress={progress} />
      <ul className="resp-actions">
        {progress.overdue.map((a) => (
          <ActionLine key={a.id} action={a} now={now} overdue />
        ))}
        {progress.upcoming.slice(0, UPCOMING).map((a) => (
          <ActionLine key={a.id} action={a} now={now} overdue={false} />
        ))}
      </ul>
    </section>
  );
}
