// The dispatch form's draft and what it sends: a task's fields without its addressee (the team
// is it), checked as the person types with the contract's own schema (DispatchTaskInput).
import { DispatchTaskInput, type DispatchTaskInput as DispatchInput } from '@contract/teams';
import type { TaskPriority } from '@contract/tasks';

export { DispatchTaskInput };

export interface DispatchDraft {
  teamId: string;
  title: string;
  content: string;
  priority: TaskPriority;
  /** Minutes from now to the deadline. */
  minutes: string;
  lat: string;
  lng: string;
}

export const blankDispatch = (teamId = ''): DispatchDraft => ({ teamId, title: '', content: '', priority: 'urgent', minutes: '60', lat: '', lng: '' });

/** The task as teams.dispatch takes it; a blank position is none. */
export function dispatchInput(d: DispatchDraft, now: number): DispatchInput {
  const position = d.lat.trim() || d.lng.trim() ? { lat: Number(d.lat), lng: Number(d.lng) } : null;
  return { title: d.title, content: d.content, priority: d.priority, deadline: now + Math.round(Number(d.minutes) * 60_000), position };
}

/** The draft field a schema path belongs to (the deadline is entered as minutes). */
export const DRAFT_FIELD: Readonly<Record<string, keyof DispatchDraft>> = {
  title: 'title',
  content: 'content',
  deadline: 'minutes',
  'position.lat': 'lat',
  'position.lng': 'lng',
  position: 'lat',
};
