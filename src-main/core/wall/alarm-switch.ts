// Alarm-to-preset: the wall listens to the other capabilities' events on the core's bus (never to
// their folders) and switches to the preset chosen for the event's kind (contract/wall.ts says
// which events, and what acknowledges each), and back when it is acknowledged or over.
import type { EventName, PayloadOf } from '../contract/api';
import { RESPONSE_LEVEL_RANK } from '../contract/plans';
import { isFinalTaskState } from '../contract/tasks';
import { SIGNAL_LEVEL_LABELS, SIGNALS } from '../contract/warnings';
import type { Log } from '../capability';
import type { EventBus } from '../events';
import type { AlarmOpening, WallService } from './wall-service';

export type AlarmEffect = { open: AlarmOpening } | { close: string };

const MAJOR = RESPONSE_LEVEL_RANK.II;
const ROMAN = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' } as const;

function warningEffects(p: PayloadOf<'warnings.changed'>): AlarmEffect[] {
  return p.changes.map((c): AlarmEffect => {
    if (c.change === 'cancelled' || c.change === 'expired' || (c.level !== 'red' && c.level !== 'orange')) return { close: c.warningId };
    const w = p.state.active.find((a) => a.id === c.warningId);
    const title = w?.event || w?.headline || `${SIGNALS[c.type].zh}${SIGNAL_LEVEL_LABELS[c.level].zh}预警信号`;
    return { open: { kind: c.level === 'red' ? 'warning-red' : 'warning-orange', key: c.warningId, title } };
  });
}

function responseEffects(p: PayloadOf<'plans.responseChanged'>): AlarmEffect[] {
  const r = p.response;
  const major = RESPONSE_LEVEL_RANK[r.level] >= MAJOR;
  if (r.status !== 'active' || p.change === 'closed' || !major) return [{ close: r.id }];
  // Only a new response, or one raised to Ⅰ/Ⅱ, switches; ticking its checklist does not re-open it.
  if (p.change !== 'activated' && p.change !== 'level') return [];
  return [{ open: { kind: 'response-major', key: r.id, title: `${r.planTitle} ${ROMAN[r.level]}级响应` } }];
}

/** The two alarms a task can raise, one per line it crosses (each acknowledged on its own). */
export const taskAlarmKey = (taskId: string, line: 'unacknowledged' | 'overdue'): string => `${taskId}#${line}`;

/**
 * A task past its acknowledgement window or its deadline (tasks.changed 'alarm', computed by the
 * tasks capability against the server clock) opens an alarm for that line; the task received ends
 * the unacknowledged one, the task done, refused or cancelled ends both. Any change re-states
 * where the task stands, so a missed push is made good by the next one.
 */
function taskEffects(p: PayloadOf<'tasks.changed'>): AlarmEffect[] {
  const t = p.task;
  const final = isFinalTaskState(t.state);
  const out: AlarmEffect[] = [];
  const line = (name: 'unacknowledged' | 'overdue', on: boolean, title: string): void => {
    const key = taskAlarmKey(t.id, name);
    // Only the alarm push opens (an answer that leaves the task overdue keeps its alarm, it does not re-open an acknowledged one).
    if (on && !final && p.change === 'alarm') out.push({ open: { kind: 'task-alarm', key, title } });
    else if (!on || final) out.push({ close: key });
  };
  line('unacknowledged', t.unacknowledged, `指令「${t.title}」超时未接收（${t.addressee.name}）`);
  line('overdue', t.overdue, `指令「${t.title}」逾期未完成（${t.addressee.name}）`);
  return out;
}

/** What an event on the bus means for the wall's alarms (pure: the unit tests call it directly). */
export function alarmEffects<E extends EventName>(event: E, payload: PayloadOf<E>): AlarmEffect[] {
  switch (event) {
    case 'warnings.changed':
      return warningEffects(payload as PayloadOf<'warnings.changed'>);
    case 'plans.responseChanged':
      return responseEffects(payload as PayloadOf<'plans.responseChanged'>);
    case 'power.alarmRaised': {
      const a = payload as PayloadOf<'power.alarmRaised'>;
      return a.active && a.severity !== 'info' && a.acknowledgedAt === null ? [{ open: { kind: 'power-alarm', key: a.id, title: a.message.zh } }] : [];
    }
    case 'tasks.changed':
      return taskEffects(payload as PayloadOf<'tasks.changed'>);
    case 'power.alarmChanged': {
      const a = payload as PayloadOf<'power.alarmChanged'>;
      return a.acknowledgedAt !== null || !a.active ? [{ close: a.id }] : [];
    }
    default:
      return [];
  }
}

/** Starts listening; returns the function that stops. */
export function startAlarmSwitch(bus: EventBus, wall: WallService, log: Log): () => void {
  return bus.onAny((event, payload) => {
    for (const effect of alarmEffects(event, payload as never)) {
      const done = 'open' in effect ? wall.openAlarm(effect.open) : wall.closeAlarm(effect.close, false);
      done.catch((err: unknown) => log.error(`[wall] alarm-to-preset after ${event} failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  });
}
