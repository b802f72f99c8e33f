// Drills (演练): planned for a date, recorded when held with participants and findings. A saved
// drill moves the drill KPI, so it is pushed as plans.libraryChanged.
import type { PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import type { Drill } from '../contract/plans';
import { localDateString, localParts } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { SqlValue, Store, Tx } from '../store';
import { actorRef, bool, newId, refFrom, type Reader } from '../shared/records';
import { libraryChanged, planRow } from './library';

interface DrillRow {
  id: string;
  plan_id: string;
  plan_title: string;
  title: string;
  planned_on: string;
  held_on: string | null;
  participants: string;
  participant_count: number;
  findings: string;
  demo: number;
  updated_at: number;
  by_id: string;
  by_name: string;
  by_role: string;
}

export interface DrillData {
  id?: string;
  planId: string;
  title: string;
  plannedOn: string;
  heldOn: string | null;
  participants: string;
  participantCount: number;
  findings: string;
}

const SELECT = 'SELECT d.*, p.title AS plan_title FROM plan_drill d JOIN plan p ON p.id = d.plan_id';

function drillFromRow(r: DrillRow, today: string): Drill {
  return {
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    title: r.title,
    plannedOn: r.planned_on,
    heldOn: r.held_on,
    participants: r.participants,
    participantCount: r.participant_count,
    findings: r.findings,
    status: r.held_on !== null ? 'held' : r.planned_on < today ? 'overdue' : 'planned',
    demo: bool(r.demo),
    updatedAt: r.updated_at,
    updatedBy: refFrom(r.by_id, r.by_name, r.by_role),
  };
}

/** Inserts or updates a drill (used by the service and by the demo set). */
export function putDrill(tx: Tx, d: DrillData, by: PersonRef, now: number, demo = false): string {
  planRow(tx, d.planId);
  if (d.heldOn !== null && d.heldOn > localDateString(now))
    throw new RefusedError(
      { zh: `演练日期 ${d.heldOn} 晚于今天：演练举行后再登记`, en: `heldOn ${d.heldOn} lies in the future: record a drill as held once it has been` },
      { field: 'heldOn' },
    );
  const values: SqlValue[] = [d.planId, d.title, d.plannedOn, d.heldOn, d.participants, d.participantCount, d.findings, now, by.id, by.name, by.role];
  if (d.id) {
    if (!tx.get('SELECT 1 AS one FROM plan_drill WHERE id = ?', [d.id]))
      throw new RefusedError({ zh: `没有编号为 ${d.id} 的演练记录`, en: `no drill with id ${d.id}` }, { field: 'id' });
    tx.run(
      'UPDATE plan_drill SET plan_id = ?, title = ?, planned_on = ?, held_on = ?, participants = ?, participant_count = ?, findings = ?, updated_at = ?, by_id = ?, by_name = ?, by_role = ? WHERE id = ?',
      [...values, d.id],
    );
    return d.id;
  }
  const id = newId('drl');
  tx.run(
    'INSERT INTO plan_drill (plan_id, title, planned_on, held_on, participants, participant_count, findings, updated_at, by_id, by_name, by_role, id, demo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [...values, id, demo ? 1 : 0, now],
  );
  return id;
}

export function getDrill(db: Reader, id: string, now: number): Drill {
  const r = db.get<DrillRow>(`${SELECT} WHERE d.id = ?`, [id]);
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的演练记录`, en: `no drill with id ${id}` }, { field: 'id' });
  return drillFromRow(r, localDateString(now));
}

export class DrillService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  async save(d: DrillData, by: string): Promise<Drill> {
    const now = this.now();
    const id = await this.store.write((tx) => putDrill(tx, d, actorRef(tx, by), now));
    const saved = getDrill(this.store, id, now);
    libraryChanged(this.bus, this.store, this.now(), 'drill', saved.planId, saved.id);
    return saved;
  }

  list(p: { from?: string; to?: string; planId?: string }): Drill[] {
    const now = this.now();
    const year = localParts(now).year;
    const args: SqlValue[] = [p.from ?? `${year}-01-01`, p.to ?? `${year}-12-31`];
    let sql = `${SELECT} WHERE d.planned_on >= ? AND d.planned_on <= ?`;
    if (p.planId) ((sql += ' AND d.plan_id = ?'), args.push(p.planId));
    const today = localDateString(now);
    return this.store.all<DrillRow>(`${sql} ORDER BY d.planned_on, d.rowid`, args).map((r) => drillFromRow(r, today));
  }
}
