// One checklist item on the wall: its text, the unit doing it, and how late (red) or how long
// until it is due.
import type { ResponseAction, ResponseLevel } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { wholeMinutes } from '../../state/plans/checklist';
import { durationParts } from '../../state/duty/format';

export function ActionLine({ action, now, overdue, level }: { action: ResponseAction; now: number; overdue: boolean; level: ResponseLevel }) {
  const t = useT();
  // Late by under a minute still reads as a minute: "0 min late" would look like on time.
  const late = durationParts(Math.max(now - action.dueAt, 60_000));
  const left = wholeMinutes(now, action.dueAt);
  return (
    <li
      className={`resp-action level-${level}${overdue ? ' overdue' : ''}`}
      data-testid={overdue ? 'overdue-action' : 'upcoming-action'}
      data-id={action.id}
      data-status={action.status}
    >
      <span className="resp-action-mark" aria-hidden="true">
        {overdue ? '!' : '·'}
      </span>
      <span className="resp-action-text wall-main">{action.text}</span>
      <span className="resp-action-unit">{action.owner}</span>
      <span className="resp-action-due tabular">
        {overdue ? (late.h > 0 ? t('responses.lateHours', late) : t('responses.lateMinutes', { m: late.m })) : t('responses.dueIn', { m: Math.max(0, left) })}
      </span>
    </li>
  );
}
