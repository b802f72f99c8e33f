// The plan library: plans with their response levels and actions, every save kept as a revision,
// archiving, and attachments stored by content hash. Every change is pushed as plans.libraryChanged
// with the KPIs as they then stand.
import { RESPONSE_LEVEL_RANK, type Attachment, type Plan, type PlanInput, type PlanRevision, type PlanSummary, type ResponseLevel } from '../contract/plans';
import { RefusedError } from '../contract/errors';
import { localDateString } from '../contract/yuexiu';
import type { PersonRef } from '../contract/duty';
import type { EventBus } from '../events';
import type { SqlValue, Store, Tx } from '../store';
import { actorRef, bool, newId, refFrom, type Reader } from '../shared/records';
import { readAttachment, storeAttachment } from './attachments';
import { addMonths, computeKpis } from './kpis';

export interface PlanRow {
  id: string;
  title: string;
  category: string;
  level: string;
  street: string | null;
  owner_unit: string;
  summary: string;
  version: string;
  revised_on: string;
  revision_months: number;
  levels_json: string;
  archived: number;
  demo: number;
  created_at: number;
  updated_at: number;
}

/** The parsed form of PlanInput (defaults applied). */
export type PlanData = Omit<Required<PlanInput>, 'id' | 'responseLevels'> & {
  id?: string;
  responseLevels: { level: ResponseLevel; trigger: string; actions: { text: string; unit: string; timeLimitMinutes: number }[] }[];
};

type Levels = Plan['responseLevels'];

function parseLevels(json: string): Levels {
  return (JSON.parse(json) as Levels).sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level]);
}

function common(db: Reader, r: PlanRow, today: string) {
  const due = addMonths(r.revised_on, r.revision_months);
  const active = db.get<{ id: string }>("SELECT id FROM plan_response WHERE plan_id = ? AND status = 'active'", [r.id]);
  return {
    id: r.id,
    title: r.title,
    category: r.category as Plan['category'],
    level: r.level as Plan['level'],
    street: r.street as Plan['street'],
    ownerUnit: r.owner_unit,
    version: r.version,
    revisedOn: r.revised_on,
    revisionPeriodMonths: r.revision_months,
    revisionDueOn: due,
    revisionOverdue: today > due,
    archived: bool(r.archived),
    activeResponseId: active?.id ?? null,
    demo: bool(r.demo),
    updatedAt: r.updated_at,
  };
}

function attachmentsOf(db: Reader, planId: string): Attachment[] {
  return db
    .all<{ sha256: string; name: string; media_type: string; size: number; added_at: number; by_id: string; by_name: string; by_role: string }>(
      'SELECT * FROM plan_attachment WHERE plan_id = ? ORDER BY added_at, name',
      [planId],
    )
    .map((a) => ({
      sha256: a.sha256,
      name: a.name,
      mediaType: a.media_type,
      size: a.size,
      addedAt: a.added_at,
      addedBy: refFrom(a.by_id, a.by_name, a.by_role),
    }));
}

export function planRow(db: Reader, id: string): PlanRow {
  const r = db.get<PlanRow>('SELECT * FROM plan WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的预案`, en: `no plan with id ${id}` }, { field: 'planId', id });
  return r;
}

export function planFromRow(db: Reader, r: PlanRow, now: number): Plan {
  return {
    ...common(db, r, localDateString(now)),
    summary: r.summary,
    responseLevels: parseLevels(r.levels_json),
    attachments: attachmentsOf(db, r.id),
    createdAt: r.created_at,
  };
}

function summaryFromRow(db: Reader, r: PlanRow, now: number): PlanSummary {
  const levels = parseLevels(r.levels_json);
  const { n } = db.get<{ n: number }>('SELECT count(*) AS n FROM plan_attachment WHERE plan_id = ?', [r.id]) ?? { n: 0 };
  return {
    ...common(db, r, localDateString(now)),
    levels: levels.map((l) => l.level),
    actionCount: levels.reduce((sum, l) => sum + l.actions.length, 0),
    attachmentCount: n,
  };
}

function addRevision(tx: Tx, planId: string, kind: PlanRevision['kind'], note: string, by: PersonRef, peer: string, now: number): void {
  const r = planRow(tx, planId);
  tx.run(
    'INSERT INTO plan_revision (plan_id, at, kind, version, revised_on, note, snapshot_json, by_id, by_name, by_role, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [planId, now, kind, r.version, r.revised_on, note, JSON.stringify(r), by.id, by.name, by.role, peer],
  );
}

/** Inserts or updates a plan and records the revision (used by the service and the demo set). */
export function putPlan(tx: Tx, p: PlanData, by: PersonRef, peer: string, now: number, demo = false): string {
  const levels = JSON.stringify([...p.responseLevels].sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level]));
  const street = p.street ?? null;
  if (p.id) {
    planRow(tx, p.id);
    tx.run(
      `UPDATE plan SET title = ?, category = ?, level = ?, street = ?, owner_unit = ?, summary = ?, version = ?, revised_on = ?, revision_months = ?,
         levels_json = ?, updated_at = ? WHERE id = ?`,
      [p.title, p.category, p.level, street, p.ownerUnit, p.summary, p.version, p.revisedOn, p.revisionPeriodMonths, levels, now, p.id],
    );
    addRevision(tx, p.id, 'changed', '', by, peer, now);
    return p.id;
  }
  const id = newId('pln');
  tx.run(
    `INSERT INTO plan (id, title, category, level, street, owner_unit, summary, version, revised_on, revision_months, levels_json, archived, demo, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    [id, p.title, p.category, p.level, street, p.ownerUnit, p.summary, p.version, p.revisedOn, p.revisionPeriodMonths, levels, demo ? 1 : 0, now, now],
  );
  addRevision(tx, id, 'created', '', by, peer, now);
  return id;
}

export interface PlanFilter {
  category?: string;
  level?: string;
  street?: string;
  q?: string;
  includeArchived: boolean;
}

export type LibraryChange = 'saved' | 'archived' | 'attachment' | 'drill' | 'demo';

/** Tells the wall a plan or drill changed, with the KPIs as they now stand. */
export function libraryChanged(bus: EventBus, db: Reader, now: number, change: LibraryChange, planId: string | null, drillId: string | null): void {
  bus.emit('plans.libraryChanged', { change, planId, drillId, kpis: computeKpis(db, now) });
}

export class PlanLibrary {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  list(f: PlanFilter): PlanSummary[] {
    const where: string[] = [];
    const args: SqlValue[] = [];
    if (!f.includeArchived) where.push('archived = 0');
    if (f.category) (where.push('category = ?'), args.push(f.category));
    if (f.level) (where.push('level = ?'), args.push(f.level));
    if (f.street) (where.push('street = ?'), args.push(f.street));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push("(title LIKE ? ESCAPE '\\' OR owner_unit LIKE ? ESCAPE '\\')");
      args.push(like, like);
    }
    const sql = `SELECT * FROM plan ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY category, title`;
    const now = this.now();
    return this.store.all<PlanRow>(sql, args).map((r) => summaryFromRow(this.store, r, now));
  }

  get(id: string): Plan {
    return planFromRow(this.store, planRow(this.store, id), this.now());
  }

  async save(p: PlanData, by: string, peer: string): Promise<Plan> {
    const now = this.now();
    if (p.revisedOn > localDateString(now))
      throw new RefusedError(
        {
          zh: `修订日期 ${p.revisedOn} 晚于今天（${localDateString(now)}）`,
          en: `revisedOn ${p.revisedOn} lies in the future (today is ${localDateString(now)})`,
        },
        { field: 'revisedOn' },
      );
    const id = await this.store.write((tx) => putPlan(tx, p, actorRef(tx, by), peer, now));
    return this.changed('saved', id);
  }

  async archive(id: string, archived: boolean, by: string, reason: string, peer: string): Promise<Plan> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const r = planRow(tx, id);
      if (bool(r.archived) === archived)
        throw new RefusedError(
          {
            zh: `预案“${r.title}”${archived ? '已归档' : '已在预案库中'}`,
            en: `plan “${r.title}” is already ${archived ? 'archived' : 'in the library'}`,
          },
          { field: 'archived' },
        );
      if (archived) {
        const active = tx.get<{ id: string }>("SELECT id FROM plan_response WHERE plan_id = ? AND status = 'active'", [id]);
        if (active)
          throw new RefusedError(
            {
              zh: `预案“${r.title}”有正在进行的响应：先结束响应，再归档预案`,
              en: `plan “${r.title}” has an active response; close it before archiving the plan`,
            },
            { field: 'archived', responseId: active.id },
          );
      }
      tx.run('UPDATE plan SET archived = ?, updated_at = ? WHERE id = ?', [archived ? 1 : 0, now, id]);
      addRevision(tx, id, archived ? 'archived' : 'restored', reason, actor, peer, now);
    });
    return this.changed('archived', id);
  }

  revisions(id: string): PlanRevision[] {
    planRow(this.store, id);
    return this.store
      .all<{ at: number; kind: string; version: string; revised_on: string; note: string; by_id: string; by_name: string; by_role: string }>(
        'SELECT * FROM plan_revision WHERE plan_id = ? ORDER BY seq DESC',
        [id],
      )
      .map((r) => ({
        at: r.at,
        by: refFrom(r.by_id, r.by_name, r.by_role),
        kind: r.kind as PlanRevision['kind'],
        version: r.version,
        revisedOn: r.revised_on,
        note: r.note,
      }));
  }

  async addAttachment(planId: string, name: string, mediaType: string, bytes: Uint8Array, by: string, peer: string): Promise<Plan> {
    // Refuse early (before writing a file) what the transaction would refuse anyway.
    actorRef(this.store, by);
    planRow(this.store, planId);
    if (bytes.byteLength === 0) throw new RefusedError({ zh: '附件是空文件', en: 'the attachment is empty' }, { field: 'fileBase64' });
    const { sha256, size } = await storeAttachment(this.dataDir, bytes);
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      planRow(tx, planId);
      const had = tx.get<{ name: string }>('SELECT name FROM plan_attachment WHERE plan_id = ? AND sha256 = ?', [planId, sha256]);
      if (had)
        throw new RefusedError(
          { zh: `这个文件已作为“${had.name}”附在该预案上`, en: `this file is already attached to the plan as “${had.name}”` },
          { field: 'fileBase64' },
        );
      tx.run('INSERT INTO plan_attachment (plan_id, sha256, name, media_type, size, added_at, by_id, by_name, by_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        planId,
        sha256,
        name,
        mediaType,
        size,
        now,
        actor.id,
        actor.name,
        actor.role,
      ]);
      addRevision(tx, planId, 'attachment-added', name, actor, peer, now);
    });
    return this.changed('attachment', planId);
  }

  async attachment(planId: string, sha256: string): Promise<{ name: string; mediaType: string; size: number; bytes: Buffer }> {
    const a = this.store.get<{ name: string; media_type: string; size: number }>(
      'SELECT name, media_type, size FROM plan_attachment WHERE plan_id = ? AND sha256 = ?',
      [planId, sha256],
    );
    if (!a) throw new RefusedError({ zh: `该预案没有附件 ${sha256.slice(0, 12)}…`, en: `plan ${planId} has no attachment ${sha256}` }, { field: 'sha256' });
    return { name: a.name, mediaType: a.media_type, size: a.size, bytes: await readAttachment(this.dataDir, sha256) };
  }

  async removeAttachment(planId: string, sha256: string, by: string, peer: string): Promise<Plan> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const a = tx.get<{ name: string }>('SELECT name FROM plan_attachment WHERE plan_id = ? AND sha256 = ?', [planId, sha256]);
      if (!a) throw new RefusedError({ zh: `该预案没有附件 ${sha256.slice(0, 12)}…`, en: `plan ${planId} has no attachment ${sha256}` }, { field: 'sha256' });
      tx.run('DELETE FROM plan_attachment WHERE plan_id = ? AND sha256 = ?', [planId, sha256]);
      addRevision(tx, planId, 'attachment-removed', a.name, actor, peer, now);
    });
    return this.changed('attachment', planId);
  }

  /** After the demo set was loaded: tells the plan panels to refresh. */
  demoLoaded(): void {
    libraryChanged(this.bus, this.store, this.now(), 'demo', null, null);
  }

  private changed(change: LibraryChange, planId: string): Plan {
    const plan = this.get(planId);
    libraryChanged(this.bus, this.store, this.now(), change, planId, null);
    return plan;
  }
}
