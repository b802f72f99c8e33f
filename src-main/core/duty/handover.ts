// Handover (交接班): the outgoing officer writes notes and carries open items over; the incoming
// officer confirms. Both moments are recorded. A person has at most one pending handover out.
import type { Handover, HandoverItem, PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { RESPONSE_LEVEL_LABELS, type Response } from '../contract/plans';
import type { Warning } from '../contract/warnings';
import { formatLocal } from '../contract/yuexiu';
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

const STATUS_ZH: Record<Handover['status'], string> = { pending: '在等待确认', confirmed: '已确认', cancelled: '已撤回' };

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
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的交接班记录`, en: `no handover with id ${id}` }, { field: 'id' });
  return handoverFromRow(r);
}

/**
 * What duty reads of other capabilities, read-only (handed over by app.ts): plans' responses
 * (for the handover, the active ones with their overdue actions; for the shift report, all those
 * running in the period), warnings in force through warnings' own handler, and this centre's name.
 * Each may be missing (a core composed without it): the handover and report then leave it out.
 */
export interface DutySources {
  /** Responses running at some moment in [from, to), their overdue judged at `asOf`, most severe first. */
  responses?(from: number, to: number, asOf: number): Response[];
  warnings?(): Promise<Warning[]> | Warning[];
  centreName?(): Promise<string> | string;
}

/** The handover items of the active responses (each with its overdue actions) and the warnings in force. */
export async function sourceItems(sources: DutySources | undefined, now: number): Promise<HandoverItem[]> {
  const items: HandoverItem[] = [];
  for (const r of sources?.responses?.(now, now + 1, now).filter((x) => x.status === 'active') ?? []) {
    const overdue = r.actions.filter((a) => a.overdue);
    items.push({
      kind: 'response',
      responseId: r.id,
      text: `${r.planTitle} ${RESPONSE_LEVEL_LABELS[r.level].zh}响应中${overdue.length ? `，${overdue.length} 项行动逾期` : ''}`.slice(0, 500),
      ...(overdue.length
        ? {
            details: overdue
              .slice(0, 50)
              .map(
                (a) =>
                  `逾期：${a.text.slice(0, 200)}（应于 ${formatLocal(a.dueAt)} 前完成${a.owner || a.unit ? `，${(a.owner || a.unit).slice(0, 40)}` : ''}）`,
              ),
          }
        : {}),
    });
  }
  for (const w of (await sources?.warnings?.()) ?? []) {
    const until = w.expiresAt ? `，至 ${formatLocal(w.expiresAt)}` : '';
    items.push({
      kind: 'warning',
      warningId: w.id,
      text: `生效预警：${w.event}${until}`.slice(0, 500),
      ...(w.headline ? { details: [w.headline.slice(0, 300)] } : {}),
    });
  }
  return items;
}

export class HandoverService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly sources?: DutySources,
    /** After a confirmation: who is on duty changed (the roster's event carries it to the wall). */
    private readonly onConfirmed?: () => void,
  ) {}

  /**
   * Suggests the incoming person (the next shift of the outgoing person's role) and the open
   * items: what the outgoing person received at their last confirmed handover, plus every report
   * not yet closed, each once; then every active plan response with its overdue actions and every
   * warning in force, as they stand now.
   */
  async draft(outgoingId: string): Promise<{ incoming: PersonRef | null; openItems: HandoverItem[] }> {
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
      // Responses and warnings are read as they stand now (below), never carried from an old handover.
      if (item.kind === 'response' || item.kind === 'warning') continue;
      // An item about a report closed since is done: not carried again.
      if (item.reportId && !openReports.has(item.reportId)) continue;
      if (item.reportId) seenReports.add(item.reportId);
      items.push(item);
    }
    for (const r of openReports.values()) {
      if (seenReports.has(r.id)) continue;
      items.push({ kind: 'report', text: `${r.street}：${r.summary.slice(0, 120)}`, reportId: r.id });
    }
    // Responses and warnings first among what is cut at the limit of 100: they are few and weigh most.
    const carried = await sourceItems(this.sources, now);
    return { incoming, openItems: [...carried, ...items].slice(0, 100) };
  }

  async handOver(p: { outgoingId: string; incomingId: string; notes: string; openItems: HandoverItem[] }): Promise<Handover> {
    const now = this.now();
    const id = newId('hov');
    await this.store.write((tx) => {
      const out = actorRef(tx, p.outgoingId);
      const inc = actorRef(tx, p.incomingId);
      if (out.id === inc.id)
        throw new RefusedError(
          { zh: `${out.name} 不能把班交给自己：请选择接班人`, en: `${out.name} cannot hand over to themselves: choose the incoming officer` },
          { field: 'incomingId' },
        );
      const pending = tx.get<{ id: string; incoming_name: string }>(
        "SELECT id, incoming_name FROM duty_handover WHERE outgoing_id = ? AND status = 'pending'",
        [out.id],
      );
      if (pending)
        throw new RefusedError(
          {
            zh: `${out.name} 已有一份交给 ${pending.incoming_name} 的交接班在等待确认：请先撤回它`,
            en: `${out.name} already has a handover to ${pending.incoming_name} waiting for confirmation; cancel it first`,
          },
          { field: 'outgoingId', pendingId: pending.id },
        );
      for (const item of p.openItems)
        if (item.reportId && !tx.get('SELECT 1 AS one FROM duty_report WHERE id = ?', [item.reportId]))
          throw new RefusedError(
            {
              zh: `交接事项“${item.text.slice(0, 40)}”所指的接报 ${item.reportId} 不存在`,
              en: `open item “${item.text.slice(0, 40)}” names report ${item.reportId}, which does not exist`,
            },
            { field: 'openItems' },
          );
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
        throw new RefusedError(
          {
            zh: `${h.outgoing.name} 交给 ${h.incoming.name} 的交接班${STATUS_ZH[h.status]}，不在等待确认`,
            en: `the handover from ${h.outgoing.name} to ${h.incoming.name} is ${h.status}, not waiting for confirmation`,
          },
          { field: 'id' },
        );
      if (actor.id !== h.incoming.id)
        throw new RefusedError(
          {
            zh: `只有接班人 ${h.incoming.name} 能确认这次交接班（${actor.name} 不能）`,
            en: `only ${h.incoming.name}, to whom it was handed, can confirm this handover (not ${actor.name})`,
          },
          { field: 'by' },
        );
      tx.run("UPDATE duty_handover SET status = 'confirmed', confirmed_at = ?, confirm_note = ? WHERE id = ?", [now, note, id]);
    });
    const h = this.changed(id);
    this.onConfirmed?.();
    return h;
  }

  async cancel(id: string, by: string, reason: string): Promise<Handover> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const h = getHandover(tx, id);
      if (h.status !== 'pending')
        throw new RefusedError(
          {
            zh: `${h.outgoing.name} 交给 ${h.incoming.name} 的交接班${STATUS_ZH[h.status]}：只有等待确认的交接班能撤回`,
            en: `the handover from ${h.outgoing.name} to ${h.incoming.name} is ${h.status}; only a pending one can be cancelled`,
          },
          { field: 'id' },
        );
      if (actor.id !== h.outgoing.id)
        throw new RefusedError(
          {
            zh: `只有交班人 ${h.outgoing.name} 能撤回这次交接班（${actor.name} 不能）`,
            en: `only ${h.outgoing.name}, who handed over, can cancel this handover (not ${actor.name})`,
          },
          { field: 'by' },
        );
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
