// Handover (交接班): the outgoing officer writes notes and carries open items over; the incoming
// officer confirms. Both moments are recorded. A person has at most one pending handover out.
import type { Handover, HandoverItem, PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import type { EventBus } from '../events';
import type { Store } from '../store';
import { actorRef, bool, newId, refFrom, type Reader } from '../shared/records';

interface HandoverRow {
  id: string;
  outgoing_id: string;
  outgoing_name: string;
  outgoing_role: string;
  incoming_id: string;
  incoming_name: string;
  incoming_role: string;
  notes: string;
  open_items: string;
  status: string;
  handed_over_at: number;
  confirmed_at: number | null;
  confirm_note: string;
  cancelled_at: number | null;
  cancel_reason: string;
  demo: number;
}

function handoverFromRow(r: HandoverRow): Handover {
  return {
    id: r.id,
    outgoing: refFrom(r.outgoing_id, r.outgoing_name, r.outgoing_role),
    incoming: refFrom(r.incoming_id, r.incoming_name, r.incoming_role),
    notes: r.notes,
    openItems: JSON.parse(r.open_items) as HandoverItem[],
    status: r.status as Handover['status'],
    handedOverAt: r.handed_over_at,
    confirmedAt: r.confirmed_at,
    confirmNote: r.confirm_note,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    demo: bool(r.demo),
  };
}

function getHandover(db: Reader, id: string): Handover {
  const r = db.get<HandoverRow>('SELECT * FROM duty_handover WHERE id = ?', [id]);
  if (!r) throw new RefusedError(`no handover with id ${id}`);
  return handoverFromRow(r);
}

export class HandoverService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  /**
   * Suggests the incoming person (the next shift of the outgoing person's role) and the open
   * items: what the outgoing person received at their last confirmed handover, plus every report
   * not yet closed, each once.
   */
  draft(outgoingId: string): { incoming: PersonRef | null; openItems: HandoverItem[] } {
    const out = actorRef(this.store, outgoingId);
    const now = this.now();
    const mine = this.store.get<{ role: string; end_at: number }>(
      'SELECT role, end_at FROM duty_shift WHERE person_id = ? AND start_at <= ? AND end_at > ? ORDER BY end_at DESC',
      [outgoingId, now, now],
    );
    const role = mine?.role ?? out.role;
    const after = mine?.end_at ?? now;
    const nextRow = this.store.get<{ id: string; name: string; role: string }>(
      `SELECT p.id, p.name, s.role FROM duty_shift s JOIN duty_person p ON p.id = s.person_id
       WHERE s.role = ? AND s.person_id <> ? AND s.start_at >= ? AND s.start_at < ? ORDER BY s.start_at, p.name LIMIT 1`,
      [role, outgoingId, after - 3600_000, after + 12 * 3600_000],
    );
    const incoming = nextRow ? refFrom(nextRow.id, nextRow.name, nextRow.role) : null;

    const items: HandoverItem[] = [];
    const seenReports = new Set<string>();
    const received = this.store.get<{ open_items: string }>(
      "SELECT open_items FROM duty_handover WHERE incoming_id = ? AND status = 'confirmed' ORDER BY confirmed_at DESC LIMIT 1",
      [outgoingId],
    );
    const openReports = new Map(
      this.store
        .all<{ id: string; street: string; summary: string; status: string }>(
          "SELECT id, street, summary, status FROM duty_report WHERE status <> 'closed' ORDER BY received_at",
        )
        .map((r) => [r.id, r]),
    );
    for (const item of received ? (JSON.parse(received.open_items) as HandoverItem[]) : []) {
      // An item about a report closed since is done: not carried again.
      if (item.reportId && !openReports.has(item.reportId)) continue;
      if (item.reportId) seenReports.add(item.reportId);
      items.push(item);
    }
    for (const r of openReports.values()) {
      if (seenReports.has(r.id)) continue;
      items.push({ text: `${r.street}：${r.summary.slice(0, 120)}`, reportId: r.id });
    }
    return { incoming, openItems: items.slice(0, 100) };
  }

  async handOver(p: { outgoingId: string; incomingId: string; notes: string; openItems: HandoverItem[] }): Promise<Handover> {
    const now = this.now();
    const id = newId('hov');
    await this.store.write((tx) => {
      const out = actorRef(tx, p.outgoingId);
      const inc = actorRef(tx, p.incomingId);
      if (out.id === inc.id) throw new RefusedError(`${out.name} cannot hand over to themselves`);
      const pending = tx.get<{ id: string; incoming_name: string }>(
        "SELECT id, incoming_name FROM duty_handover WHERE outgoing_id = ? AND status = 'pending'",
        [out.id],
      );
      if (pending)
        throw new RefusedError(`${out.name} already has a handover to ${pending.incoming_name} waiting for confirmation (${pending.id}); cancel it first`);
      for (const item of p.openItems)
        if (item.reportId && !tx.get('SELECT 1 AS one FROM duty_report WHERE id = ?', [item.reportId]))
          throw new RefusedError(`open item “${item.text.slice(0, 40)}” names report ${item.reportId}, which does not exist`);
      tx.run(
        `INSERT INTO duty_handover (id, outgoing_id, outgoing_name, outgoing_role, incoming_id, incoming_name, incoming_role, notes, open_items, status, handed_over_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        [id, out.id, out.name, out.role, inc.id, inc.name, inc.role, p.notes, JSON.stringify(p.openItems), now],
      );
    });
    return this.changed(id);
  }

  async confirm(id: string, by: string, note: string): Promise<Handover> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const h = getHandover(tx, id);
      if (h.status !== 'pending')
        throw new RefusedError(`the handover from ${h.outgoing.name} to ${h.incoming.name} is ${h.status}, not waiting for confirmation`);
      if (actor.id !== h.incoming.id) throw new RefusedError(`only ${h.incoming.name}, to whom it was handed, can confirm this handover (not ${actor.name})`);
      tx.run("UPDATE duty_handover SET status = 'confirmed', confirmed_at = ?, confirm_note = ? WHERE id = ?", [now, note, id]);
    });
    return this.changed(id);
  }

  async cancel(id: string, by: string, reason: string): Promise<Handover> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const h = getHandover(tx, id);
      if (h.status !== 'pending')
        throw new RefusedError(`the handover from ${h.outgoing.name} to ${h.incoming.name} is ${h.status}; only a pending one can be cancelled`);
      if (actor.id !== h.outgoing.id) throw new RefusedError(`only ${h.outgoing.name}, who handed over, can cancel this handover (not ${actor.name})`);
      tx.run("UPDATE duty_handover SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?", [now, reason, id]);
    });
    return this.changed(id);
  }

  list(status: Handover['status'] | undefined, limit: number): Handover[] {
    const rows = status
      ? this.store.all<HandoverRow>('SELECT * FROM duty_handover WHERE status = ? ORDER BY handed_over_at DESC, rowid DESC LIMIT ?', [status, limit])
      : this.store.all<HandoverRow>('SELECT * FROM duty_handover ORDER BY handed_over_at DESC, rowid DESC LIMIT ?', [limit]);
    return rows.map(handoverFromRow);
  }

  private changed(id: string): Handover {
    const h = getHandover(this.store, id);
    this.bus.emit('duty.handoverChanged', { handover: h });
    return h;
  }
}
