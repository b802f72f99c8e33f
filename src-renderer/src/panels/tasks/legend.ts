// What the tasks panel's marks mean, for the states on screen: the amber "!" of a task past its
// acknowledgement window, the red "!" of an overdue one, the thick bar of an urgent task and the
// grey one of an important task (TaskLine.tsx, tasks-panel.css).
import type { Task } from '@contract/tasks';
import { flagsAt } from '../../state/tasks/tasks';
import { STATES } from '../../styles/colour-language';

export type TaskMark = 'unacknowledged' | 'overdue' | 'urgent' | 'important';

/** How each mark is drawn: its glyph and colour, as the line draws it. */
export const TASK_MARKS: Record<TaskMark, { shape: string; colour?: string }> = {
  unacknowledged: { shape: '!', colour: STATES.attention.colour },
  overdue: { shape: '!', colour: STATES.alarm.colour },
  urgent: { shape: '▌' },
  important: { shape: '▌', colour: 'var(--muted)' },
};

/** The marks these lines show, in the legend's order. */
export function taskMarks(lines: readonly Task[], now: number): TaskMark[] {
  const seen = new Set<TaskMark>();
  for (const t of lines) {
    const f = flagsAt(t, now);
    if (f.unacknowledged) seen.add('unacknowledged');
    if (f.overdue) seen.add('overdue');
    if (t.priority === 'urgent' || t.priority === 'important') seen.add(t.priority);
  }
  return (['unacknowledged', 'overdue', 'urgent', 'important'] as const).filter((m) => seen.has(m));
}
