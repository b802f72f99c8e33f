// Durable power alarms and state transitions (tables power_alarm, power_transition). Every write
// resolves once it is fsync'd: nothing raised or acknowledged is lost in a crash.
import { randomUUID } from 'node:crypto';
import { RefusedError } from '../contract/errors';
import type { AlarmCode, AlarmSeverity, PowerAlarm, PowerState, PowerText, PowerTransition } from '../contract/power';
import type { Store, Tx } from '../store';

interface AlarmRow {
  id: string;
  code: string;
  severity: string;
  source_id: string | null;
  from_state: string | null;
  to_state: string | null;
  message_zh: string;
  message_en: string;
  action_zh: string;
  action_en: string;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  muted: number;
  muted_by: string | null;
  muted_at: number | null;
}

interface TransitionRow {
  seq: number;
  at: number;
  from_state: string;
  to_state: string;
  reason_zh: string;
  reason_en: string;
  alarm_id: string | null;
}

/** Info alarms are notices: history only. The others stay active until cleared and acknowledged. */
const ACTIVE_SQL = `severity <> 'info' AND (cleared_at IS NULL OR acknowledged_at IS NULL)`;

export function alarmFromRow(r: AlarmRow): PowerAlarm {
  const severity = r.severity as AlarmSeverity;
  const active = severity !== 'info' && (r.cleared_at === null || r.acknowledged_at === null);
  const muted = r.muted === 1;
  return {
    id: r.id,
    code: r.code as AlarmCode,
    severity,
    sourceId: r.source_id,
    fromState: r.from_state as PowerState | null,
    toState: r.to_state as PowerState | null,
    message: { zh: r.message_zh, en: r.message_en },
    action: { zh: r.action_zh, en: r.action_en },
    raisedAt: r.raised_at,
    clearedAt: r.cleared_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    muted,
    mutedBy: r.muted_by,
    mutedAt: r.muted_at,
    active,
    sounding: severity !== 'info' && r.cleared_at === null && r.acknowledged_at === null && !muted,
  };
}

export interface NewAlarm {
  code: AlarmCode;
  severity: AlarmSeverity;
  sourceId: string | null;
  fromState: PowerState | null;
  toState: PowerState | null;
  message: PowerText;
  action: PowerText;
}

export class AlarmBook {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Inside a write: records an alarm and returns it. */
  insertAlarm(tx: Tx, a: NewAlarm, at: number): PowerAlarm {
    const id = randomUUID();
    tx.run(
      `INSERT INTO power_alarm (id, code, severity, source_id, from_state, to_state, message_zh, message_en, action_zh, action_en, raised_at, muted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      [id, a.code, a.severity, a.sourceId, a.fromState, a.toState, a.message.zh, a.message.en, a.action.zh, a.action.en, at],
    );
    return this.getIn(tx, id)!;
  }

  /** Inside a write: marks alarms cleared (their condition or state has passed). */
  clearAlarms(tx: Tx, ids: string[], at: number): PowerAlarm[] {
    const out: PowerAlarm[] = [];
    for (const id of ids) {
      tx.run('UPDATE power_alarm SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL', [at, id]);
      const a = this.getIn(tx, id);
      if (a) out.push(a);
    }
    return out;
  }

  /** Inside a write: records a transition with the next sequence number. */
  insertTransition(tx: Tx, t: { at: number; from: PowerState; to: PowerState; reason: PowerText; alarmId: string | null }): PowerTransition {
    const seq = (tx.get<{ m: number | null }>('SELECT max(seq) AS m FROM power_transition')?.m ?? 0) + 1;
    tx.run('INSERT INTO power_transition (seq, at, from_state, to_state, reason_zh, reason_en, alarm_id) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      seq,
      t.at,
      t.from,
      t.to,
      t.reason.zh,
      t.reason.en,
      t.alarmId,
    ]);
    return { seq, at: t.at, from: t.from, to: t.to, reason: t.reason, alarmId: t.alarmId };
  }

  lastTransition(): PowerTransition | null {
    const r = this.store.get<TransitionRow>('SELECT * FROM power_transition ORDER BY seq DESC LIMIT 1');
    return r ? transitionFromRow(r) : null;
  }

  /** Alarms still open from before a restart: their condition is no longer known. */
  openAlarmIds(): string[] {
    return this.store.all<{ id: string }>('SELECT id FROM power_alarm WHERE cleared_at IS NULL ORDER BY raised_at').map((r) => r.id);
  }

  get(id: string): PowerAlarm | null {
    const r = this.store.get<AlarmRow>('SELECT * FROM power_alarm WHERE id = ?', [id]);
    return r ? alarmFromRow(r) : null;
  }

  active(): PowerAlarm[] {
    return this.store.all<AlarmRow>(`SELECT * FROM power_alarm WHERE ${ACTIVE_SQL} ORDER BY raised_at DESC, rowid DESC`).map(alarmFromRow);
  }

  /** Newest first; `before` is the id of the last alarm of the previous page. */
  list(scope: 'active' | 'all', limit: number, before?: string): { alarms: PowerAlarm[]; more: boolean } {
    const where = [scope === 'active' ? ACTIVE_SQL : '1 = 1'];
    const params: (string | number)[] = [];
    if (before !== undefined) {
      const at = this.store.get<{ raised_at: number; r: number }>('SELECT raised_at, rowid AS r FROM power_alarm WHERE id = ?', [before]);
      if (!at)
        throw new RefusedError(
          { zh: `没有编号为 ${before} 的供电告警，无法从它往前翻页`, en: `no power alarm with id ${before} to page back from` },
          { field: 'before' },
        );
      // Alarms raised in the same evaluation share a time: the row order breaks the tie.
      where.push('(raised_at < ? OR (raised_at = ? AND rowid < ?))');
      params.push(at.raised_at, at.raised_at, at.r);
    }
    const rows = this.store.all<AlarmRow>(`SELECT * FROM power_alarm WHERE ${where.join(' AND ')} ORDER BY raised_at DESC, rowid DESC LIMIT ?`, [
      ...params,
      limit + 1,
    ]);
    return { alarms: rows.slice(0, limit).map(alarmFromRow), more: rows.length > limit };
  }

  transitions(limit: number, before?: number): { transitions: PowerTransition[]; more: boolean } {
    const rows = this.store.all<TransitionRow>(`SELECT * FROM power_transition ${before === undefined ? '' : 'WHERE seq < ?'} ORDER BY seq DESC LIMIT ?`, [
      ...(before === undefined ? [] : [before]),
      limit + 1,
    ]);
    return { transitions: rows.slice(0, limit).map(transitionFromRow), more: rows.length > limit };
  }

  async acknowledge(id: string, by: string, peer: string): Promise<PowerAlarm> {
    const at = this.now();
    return this.store.write((tx) => {
      const a = this.getIn(tx, id);
      if (!a) throw new RefusedError({ zh: `没有编号为 ${id} 的供电告警`, en: `no power alarm with id ${id}` });
      if (a.acknowledgedAt !== null)
        throw new RefusedError({
          zh: `该供电告警已由 ${a.acknowledgedBy} 于 ${new Date(a.acknowledgedAt).toISOString()} 确认，无需再确认`,
          en: `alarm ${id} was already acknowledged by ${a.acknowledgedBy} at ${new Date(a.acknowledgedAt).toISOString()}`,
        });
      tx.run('UPDATE power_alarm SET acknowledged_at = ?, acknowledged_by = ?, acknowledged_peer = ? WHERE id = ?', [at, by, peer, id]);
      return this.getIn(tx, id)!;
    });
  }

  async mute(id: string, muted: boolean, by: string): Promise<{ alarm: PowerAlarm; changed: boolean }> {
    const at = this.now();
    return this.store.write((tx) => {
      const a = this.getIn(tx, id);
      if (!a) throw new RefusedError({ zh: `没有编号为 ${id} 的供电告警`, en: `no power alarm with id ${id}` });
      if (a.muted === muted) return { alarm: a, changed: false };
      tx.run('UPDATE power_alarm SET muted = ?, muted_by = ?, muted_at = ? WHERE id = ?', [muted ? 1 : 0, by, at, id]);
      return { alarm: this.getIn(tx, id)!, changed: true };
    });
  }

  private getIn(tx: Tx, id: string): PowerAlarm | null {
    const r = tx.get<AlarmRow>('SELECT * FROM power_alarm WHERE id = ?', [id]);
    return r ? alarmFromRow(r) : null;
  }
}

function transitionFromRow(r: TransitionRow): PowerTransition {
  return {
    seq: r.seq,
    at: r.at,
    from: r.from_state as PowerState,
    to: r.to_state as PowerState,
    reason: { zh: r.reason_zh, en: r.reason_en },
    alarmId: r.alarm_id,
  };
}
