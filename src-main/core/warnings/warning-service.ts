// Active warnings and their history. A CAP alert issues, raises, lowers, updates or lifts the
// warning of its signal type (at most one active per type); expiry is checked on a timer and
// hidden at read time in between. Every change is one row of warning_event, never rewritten.
import { randomBytes } from 'node:crypto';
import { RefusedError } from '../contract/errors';
import {
  SIGNAL_LEVEL_RANK,
  SIGNALS,
  type CapOutcome,
  type FeedStatus,
  type SignalLevel,
  type SignalType,
  type Warning,
  type WarningChange,
  type WarningHistoryEntry,
  type WarningsState,
} from '../contract/warnings';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';
import type { CapAlert } from './cap';

const WARNING_STATUS_ZH: Record<string, string> = { cancelled: '解除', expired: '过期' };

interface Row {
  id: string;
  type: string;
  level: string;
  event: string;
  headline: string;
  description: string;
  instruction: string;
  area: string;
  sender: string;
  cap_identifier: string;
  sent_at: number;
  expires_at: number | null;
  status: string;
  issued_at: number;
  updated_at: number;
  ended_at: number | null;
  source: string;
}

function fromRow(r: Row): Warning {
  return {
    id: r.id,
    type: r.type as SignalType,
    level: r.level as SignalLevel,
    event: r.event,
    headline: r.headline,
    description: r.description,
    instruction: r.instruction,
    area: r.area,
    sender: r.sender,
    capIdentifier: r.cap_identifier,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    status: r.status as Warning['status'],
    issuedAt: r.issued_at,
    updatedAt: r.updated_at,
    endedAt: r.ended_at,
    source: r.source as Warning['source'],
  };
}

export interface Change {
  warningId: string;
  change: WarningChange;
  level: SignalLevel;
  type: SignalType;
}

const newWarningId = (): string => `wrn_${randomBytes(9).toString('base64url')}`;

export class WarningService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly feedStatus: () => FeedStatus,
  ) {}

  /** Active warnings, most severe first; any past its expiry is left out even before the timer runs. */
  active(at = this.now()): Warning[] {
    return this.store
      .all<Row>("SELECT * FROM warning WHERE status = 'active' AND (expires_at IS NULL OR expires_at > ?)", [at])
      .map(fromRow)
      .sort((a, b) => SIGNAL_LEVEL_RANK[b.level] - SIGNAL_LEVEL_RANK[a.level] || b.updatedAt - a.updatedAt);
  }

  state(): WarningsState {
    const asOf = this.now();
    return { active: this.active(asOf), feed: this.feedStatus(), asOf };
  }

  history(limit: number, beforeSeq?: number): WarningHistoryEntry[] {
    return this.store
      .all<{
        seq: number;
        at: number;
        warning_id: string;
        type: string;
        change: string;
        from_level: string | null;
        to_level: string | null;
        headline: string;
        cap_identifier: string;
        via: string;
        peer: string;
      }>(
        `SELECT e.seq, e.at, e.warning_id, w.type, e.change, e.from_level, e.to_level, e.headline, e.cap_identifier, e.via, e.peer
         FROM warning_event e JOIN warning w ON w.id = e.warning_id ${beforeSeq ? 'WHERE e.seq < ?' : ''} ORDER BY e.seq DESC LIMIT ?`,
        beforeSeq ? [beforeSeq, limit] : [limit],
      )
      .map((r) => ({
        seq: r.seq,
        at: r.at,
        warningId: r.warning_id,
        type: r.type as SignalType,
        change: r.change as WarningChange,
        fromLevel: r.from_level as SignalLevel | null,
        toLevel: r.to_level as SignalLevel | null,
        headline: r.headline,
        capIdentifier: r.cap_identifier,
        via: r.via,
        peer: r.peer,
      }));
  }

  /** Applies alerts in the order they were sent, as one transaction; then one event. */
  async apply(alerts: CapAlert[], via: string, source: 'file' | 'feed', peer: string): Promise<CapOutcome[]> {
    const at = this.now();
    const ordered = [...alerts].sort((a, b) => a.sent - b.sent);
    const { outcomes, changes } = await this.store.write((tx) => {
      const outcomes: CapOutcome[] = [];
      const changes: Change[] = [];
      for (const a of ordered) {
        const o = this.applyOne(tx, a, at, via, source, peer);
        outcomes.push(o.outcome);
        changes.push(...o.changes);
      }
      return { outcomes, changes };
    });
    this.emit(changes);
    return outcomes;
  }

  async cancel(id: string, reason: string, peer: string): Promise<WarningsState> {
    const row = this.store.get<Row>('SELECT * FROM warning WHERE id = ?', [id]);
    if (!row) throw new RefusedError({ zh: `没有编号为 ${id} 的预警（可能已被删除）`, en: `no warning with id ${id}` });
    if (row.status !== 'active')
      throw new RefusedError(
        {
          zh: `预警“${row.headline}”已${WARNING_STATUS_ZH[row.status] ?? row.status}，无需再解除`,
          en: `warning ${id} (${row.headline}) is already ${row.status}`,
        },
        { status: row.status },
      );
    const at = this.now();
    await this.store.write((tx) => this.end(tx, row, 'cancelled', at, `operator: ${reason}`, row.cap_identifier, peer));
    return this.emit([{ warningId: id, change: 'cancelled', level: row.level as SignalLevel, type: row.type as SignalType }]);
  }

  /** Marks every active warning past its <expires> as expired (run on a timer). */
  async expireDue(): Promise<void> {
    const at = this.now();
    const due = this.store.all<Row>("SELECT * FROM warning WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at", [at]);
    if (due.length === 0) return;
    await this.store.write((tx) => due.forEach((r) => this.end(tx, r, 'expired', r.expires_at ?? at, 'expires', r.cap_identifier, 'core')));
    this.emit(due.map((r) => ({ warningId: r.id, change: 'expired' as const, level: r.level as SignalLevel, type: r.type as SignalType })));
  }

  emit(changes: Change[]): WarningsState {
    const state = this.state();
    this.bus.emit('warnings.changed', { changes, state });
    return state;
  }

  private applyOne(tx: Tx, a: CapAlert, at: number, via: string, source: 'file' | 'feed', peer: string): { outcome: CapOutcome; changes: Change[] } {
    const base = { identifier: a.identifier, type: a.type, level: a.level };
    const changes: Change[] = [];
    if (tx.get('SELECT 1 AS one FROM warning_cap_seen WHERE sender = ? AND identifier = ?', [a.sender, a.identifier])) {
      return { outcome: { ...base, outcome: 'duplicate', warningId: null }, changes };
    }
    tx.run('INSERT INTO warning_cap_seen (sender, identifier, at) VALUES (?, ?, ?)', [a.sender, a.identifier, at]);
    // Exercises and tests reach the duty room too; they must not sound on the wall.
    if (a.status !== 'Actual') return { outcome: { ...base, outcome: 'not-actual', warningId: null }, changes };

    let current = tx.get<Row>("SELECT * FROM warning WHERE status = 'active' AND type = ? ORDER BY updated_at DESC LIMIT 1", [a.type]);
    if (current && current.expires_at !== null && current.expires_at <= at) {
      // Expired before the timer came round: end it, and this alert starts afresh.
      this.end(tx, current, 'expired', current.expires_at, 'expires', current.cap_identifier, 'core');
      changes.push({ warningId: current.id, change: 'expired', level: current.level as SignalLevel, type: a.type });
      current = undefined;
    }
    if (a.lifts) {
      if (!current) return { outcome: { ...base, outcome: 'no-active-warning', warningId: null }, changes };
      this.end(tx, current, 'cancelled', at, via, a.identifier, peer);
      const level = current.level as SignalLevel;
      changes.push({ warningId: current.id, change: 'cancelled', level, type: a.type });
      return { outcome: { ...base, level, outcome: 'cancelled', warningId: current.id }, changes };
    }
    // No colour and no severity: the least severe level Guangdong issues for that signal.
    const level = a.level ?? SIGNALS[a.type].levels[0];
    const fields = [level, a.event, a.headline, a.description, a.instruction, a.area, a.senderName, a.identifier, a.sent, a.expires];
    if (current) {
      const from = current.level as SignalLevel;
      const change: WarningChange =
        SIGNAL_LEVEL_RANK[level] > SIGNAL_LEVEL_RANK[from] ? 'raised' : SIGNAL_LEVEL_RANK[level] < SIGNAL_LEVEL_RANK[from] ? 'lowered' : 'updated';
      tx.run(
        'UPDATE warning SET level = ?, event = ?, headline = ?, description = ?, instruction = ?, area = ?, sender = ?, cap_identifier = ?, sent_at = ?, expires_at = ?, updated_at = ?, source = ? WHERE id = ?',
        [...fields, at, source, current.id],
      );
      this.log(tx, current.id, at, change, from, level, a.headline, a.identifier, via, peer);
      changes.push({ warningId: current.id, change, level, type: a.type });
      return { outcome: { ...base, level, outcome: change, warningId: current.id }, changes };
    }
    const id = newWarningId();
    tx.run(
      `INSERT INTO warning (id, type, level, event, headline, description, instruction, area, sender, cap_identifier, sent_at, expires_at, status, issued_at, updated_at, ended_at, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, NULL, ?)`,
      [id, a.type, ...fields, at, at, source],
    );
    this.log(tx, id, at, 'issued', null, level, a.headline, a.identifier, via, peer);
    changes.push({ warningId: id, change: 'issued', level, type: a.type });
    return { outcome: { ...base, level, outcome: 'issued', warningId: id }, changes };
  }

  private end(tx: Tx, row: Row, status: 'cancelled' | 'expired', at: number, via: string, capIdentifier: string, peer: string): void {
    tx.run('UPDATE warning SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?', [status, at, at, row.id]);
    this.log(tx, row.id, at, status, row.level as SignalLevel, null, row.headline, capIdentifier, via, peer);
  }

  private log(
    tx: Tx,
    id: string,
    at: number,
    change: WarningChange,
    from: SignalLevel | null,
    to: SignalLevel | null,
    headline: string,
    cap: string,
    via: string,
    peer: string,
  ): void {
    tx.run('INSERT INTO warning_event (at, warning_id, change, from_level, to_level, headline, cap_identifier, via, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      at,
      id,
      change,
      from,
      to,
      headline,
      cap,
      via,
      peer,
    ]);
  }
}
