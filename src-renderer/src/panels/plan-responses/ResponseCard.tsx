// The heading line of one live response on the wall: level, plan, since when, and checklist
// progress. Its overdue items and the next ones due follow it as lines of their own.
import type { Response } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import type { ChecklistProgress } from '../../state/plans/checklist';
import { durationParts, hhmm, ROMAN } from '../../state/duty/format';
import { DemoTag } from '../duty-now/DemoTag';
import { ProgressBar } from './ProgressBar';

export function ResponseHead({ response, progress, now }: { response: Response; progress: ChecklistProgress; now: number }) {
  const t = useT();
  const running = durationParts(now - response.activatedAt);
  return (
    <li className={`resp-card level-${response.level}`} data-testid="plan-response" data-id={response.id} data-level={response.level}>
      <div className="resp-head wall-main">
        <span className="resp-level" data-testid="response-level">
          {t('responses.level', { level: ROMAN[response.level] })}
        </span>
        <span className="resp-title">{response.planTitle}</span>
        {response.demo && <DemoTag inline />}
      </div>
      <div className="resp-facts">
        <span className="resp-since tabular">{t('responses.since', { time: hhmm(response.activatedAt), h: running.h, m: running.m })}</span>
        <ProgressBar progress={progress} />
      </div>
    </li>
  );
}
