// The roster: shifts, who is on duty, the change engine that checks every rule (see the header
// of contract/duty.ts for the rules and when each is checked), shift history and publication.
import {
  type Coverage,
  type DutyRole,
  type OnDuty,
  type PersonRef,
  type Roster,
  type RosterPeriod,
  type Shift,
  type ShiftHistoryEntry,
  type ShiftInput,
} from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { formatLocal, formatLocalRange, monthRange, monthsOverlapping, weekRange, type TimeRange } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';
import { listPeople, getPerson } from './people';
import { actorRef, bool, newId, refFrom, type Reader } from '../shared/records';
import { coverageGaps, describeShift, doubleBookings, longStretches, violation, type RuleShift, type RuleViolation } from './roster-rules';

interface ShiftRow {
  id: string;
  person_id: string;
  role: string;
  start_at: number;
  end_at: number;
  note: string;
  corrected: number;
  demo: number;
  name: string;
  phone: string;
  unit: string;
}

const SHIFT_SELECT = 'SELECT s.*, p.name, p.phone, p.unit FROM duty_shift s JOIN duty_person p ON p.id = s.person_id';
const ROLE_ORDER = "CASE s.role WHEN 'leader' THEN 0 WHEN 'chief' THEN 1 WHEN 'officer' THEN 2 ELSE 3 END";

function shiftFromRow(r: ShiftRow): Shift {
  return {
    id: r.id,
    personId: r.person_id,
    role: r.role as DutyRole,
    start: r.start_at,
    end: r.end_at,
    note: r.note,
    corrected: bool(r.corrected),
    demo: bool(r.demo),
    person: { name: r.name, phone: r.phone, unit: r.unit },
  };
}

const ruleShift = (r: ShiftRow): RuleShift => ({
  id: r.id,
  personId: r.person_id,
  personName: r.name,
  role: r.role as DutyRole,
  start: r.start_at,
  end: r.end_at,
});

export function periodRange(p: RosterPeriod): TimeRange {
  switch (p.kind) {
    case 'month':
      return monthRange(p.month);
    case 'week':
      return weekRange(p.date);
    case 'range':
      return { from: p.from, to: p.to };
  }
}

export function shiftsOverlapping(db: Reader, from: number, to: number): Shift[] {
  return db.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.end_at > ? AND s.start_at < ? ORDER BY s.start_at, ${ROLE_ORDER}, p.name`, [from, to]).map(shiftFromRow);
}

export function publishedMonthsIn(db: Reader, r: TimeRange): string[] {
  const months = monthsOverlapping(r);
  if (months.length === 0) return [];
  return db
    .all<{ month: string }>(`SELECT month FROM duty_published_month WHERE month IN (${months.map(() => '?').join(',')}) ORDER BY month`, months)
    .map((m) => m.month);
}

/** How far back a confirmed handover still decides who is on duty (longer than any stretch a person may work). */
const HANDOVER_REACH_MS = 24 * 3600_000;

/**
 * A confirmed handover puts the incoming officer on duty in the outgoing one's place from the
 * moment of confirmation, whatever the roster's times say: the outgoing officer's shift that had
 * begun before the confirmation leaves `current`, and the incoming officer's own next shift (within
 * 12 h) takes its place, or, without one, the outgoing shift's remainder under the incoming name.
 */
function applyConfirmedHandovers(db: Reader, at: number, current: Shift[], next: Shift[]): void {
  const rows = db.all<{ outgoing_id: string; incoming_id: string; confirmed_at: number }>(
    "SELECT outgoing_id, incoming_id, confirmed_at FROM duty_handover WHERE status = 'confirmed' AND confirmed_at <= ? AND confirmed_at > ? ORDER BY confirmed_at",
    [at, at - HANDOVER_REACH_MS],
  );
  for (const h of rows) {
    const handed = current.filter((s) => s.personId === h.outgoing_id && s.start < h.confirmed_at);
    if (handed.length === 0) continue;
    for (const s of handed) current.splice(current.indexOf(s), 1);
    if (current.some((s) => s.personId === h.incoming_id)) continue;
    const own = db.get<ShiftRow>(`${SHIFT_SELECT} WHERE s.person_id = ? AND s.start_at > ? AND s.start_at < ? ORDER BY s.start_at LIMIT 1`, [
      h.incoming_id,
      at,
      at + 12 * 3600_000,
    ]);
    if (own) {
      const shift = shiftFromRow(own);
      const i = next.findIndex((s) => s.id === shift.id);
      if (i >= 0) next.splice(i, 1);
      current.push(shift);
      continue;
    }
    const person = db.get<{ name: string; phone: string; unit: string }>('SELECT name, phone, unit FROM duty_person WHERE id = ?', [h.incoming_id]);
    if (person) current.push({ ...handed[0], personId: h.incoming_id, start: h.confirmed_at, person });
  }
}

export function onDutyAt(db: Reader, at: number): OnDuty {
  const current = db
    .all<ShiftRow>(`${SHIFT_SELECT} WHERE s.start_at <= ? AND s.end_at > ? ORDER BY ${ROLE_ORDER}, s.start_at, p.name`, [at, at])
    .map(shiftFromRow);
  const firsts = db.all<{ role: string; first: number }>('SELECT role, MIN(start_at) AS first FROM duty_shift WHERE start_at > ? GROUP BY role', [at]);
  const next: Shift[] = [];
  for (const f of firsts)
    next.push(...db.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.role = ? AND s.start_at = ? ORDER BY p.name`, [f.role, f.first]).map(shiftFromRow));
  const order: Record<string, number> = { leader: 0, chief: 1, officer: 2, tech: 3 };
  applyConfirmedHandovers(db, at, current, next);
  current.sort((a, b) => order[a.role] - order[b.role] || a.start - b.start);
  next.sort((a, b) => order[a.role] - order[b.role] || a.start - b.start);
  const changes = [...current.map((s) => s.end), ...next.map((s) => s.start)];
  return { at, current, next, validUntil: changes.length ? Math.min(...changes) : null };
}

// ---- the change engine ---------------------------------------------------------------

/** A shift to write, with its id decided (new ones get theirs before checking). */
export interface PlannedShift {
  id: string;
  /** Its position in the put list given. */
  index: number;
  isNew: boolean;
  personId: string;
  personName: string;
  role: DutyRole;
  start: number;
  end: number;
  note: string;
}

export interface ChangeOptions {
  by: PersonRef;
  peer: string;
  via: 'edit' | 'import' | 'demo';
  now: number;
  /** Present: the change is a marked correction and may touch shifts that have started. */
  correction?: { reason: string };
}

export interface CheckedChange {
  puts: PlannedShift[];
  removes: ShiftRow[];
  /** The stored version of each put that changes an existing shift. */
  before: Map<string, ShiftRow>;
  violations: RuleViolation[];
}

type PutInput = Omit<ShiftInput, 'note'> & { id?: string; note?: string };

/** Checks a change against every rule inside a transaction, without writing anything. */
export function checkShiftChange(tx: Reader, put: readonly PutInput[], remove: readonly string[], opts: ChangeOptions): CheckedChange {
  const violations: RuleViolation[] = [];
  const before = new Map<string, ShiftRow>();
  const givenTwice = (id: string): RuleViolation =>
    violation({ zh: `班次 ${id} 在同一次修改中出现了两次`, en: `shift ${id} is given twice in one change` }, { rule: 'unknown', shiftIds: [id] });
  const noShift = (id: string): RuleViolation =>
    violation({ zh: `没有编号为 ${id} 的班次`, en: `no shift with id ${id}` }, { rule: 'unknown', shiftIds: [id] });
  const removes: ShiftRow[] = [];
  const puts: PlannedShift[] = [];
  const seen = new Set<string>();
  const loadShift = (id: string): ShiftRow | undefined => tx.get<ShiftRow>(`${SHIFT_SELECT} WHERE s.id = ?`, [id]);

  for (const id of remove) {
    if (seen.has(id)) violations.push(givenTwice(id));
    seen.add(id);
    const row = loadShift(id);
    if (!row) violations.push(noShift(id));
    else removes.push(row);
  }
  for (const [index, p] of put.entries()) {
    let id = p.id;
    if (id !== undefined) {
      if (seen.has(id)) violations.push(givenTwice(id));
      seen.add(id);
      const row = loadShift(id);
      if (!row) {
        violations.push(noShift(id));
        continue;
      }
      before.set(id, row);
    } else id = newId('shf');
    const person = getPerson(tx, p.personId);
    if (!person) {
      violations.push(
        violation({ zh: `没有编号为 ${p.personId} 的人员`, en: `no person with id ${p.personId}` }, { rule: 'unknown', shiftIds: [id], personId: p.personId }),
      );
      continue;
    }
    if (!person.active)
      violations.push(
        violation(
          {
            zh: `违反“只能为在职人员排班”：${person.name} 已停用，不能排入班次 ${formatLocalRange(p.start, p.end)}`,
            en: `${person.name} is inactive and cannot be booked (shift ${formatLocalRange(p.start, p.end)})`,
          },
          { rule: 'inactive', shiftIds: [id], personId: person.id, from: p.start, to: p.end },
        ),
      );
    puts.push({
      id,
      index,
      isNew: p.id === undefined,
      personId: person.id,
      personName: person.name,
      role: p.role ?? person.role,
      start: p.start,
      end: p.end,
      note: p.note ?? '',
    });
  }

  // Rule 3: what has started is history.
  if (!opts.correction && opts.via !== 'demo') {
    const started = (start: number): boolean => start < opts.now;
    const now = formatLocal(opts.now);
    const rule = { zh: '违反“已开始的班次只能作为更正修改，并须说明原因”', en: 'shifts that have started change only as a correction with a reason' };
    const past = (shift: RuleShift, zh: string, en: string, ids: { shiftId: string; personId: string }): RuleViolation => {
      const d = describeShift(shift);
      return violation(
        { zh: `${rule.zh}：${d.zh}${zh}（现在 ${now}）`, en: `${d.en} ${en} (now ${now}): ${rule.en}` },
        { rule: 'past', shiftIds: [ids.shiftId], personId: ids.personId },
      );
    };
    for (const p of puts) {
      const b = before.get(p.id);
      if (b && started(b.start_at)) violations.push(past(ruleShift(b), ' 已开始', 'has started', { shiftId: p.id, personId: p.personId }));
      else if (started(p.start)) violations.push(past(p, ' 的开始时间已过', 'would start in the past', { shiftId: p.id, personId: p.personId }));
    }
    for (const r of removes)
      if (started(r.start_at))
        violations.push(past(ruleShift(r), ' 已开始，不能直接删除', 'has started and cannot simply be removed', { shiftId: r.id, personId: r.person_id }));
  }

  const changedIds = new Set([...puts.map((p) => p.id), ...removes.map((r) => r.id)]);
  /** The stored shifts with this change applied. */
  const applied = (rows: ShiftRow[]): RuleShift[] => [...rows.filter((r) => !changedIds.has(r.id)).map(ruleShift), ...puts];

  // Rules 1 and 2 over every shift of the people concerned.
  const personIds = [...new Set([...puts.map((p) => p.personId), ...[...before.values()].map((b) => b.person_id)])];
  if (personIds.length > 0) {
    const theirs = tx.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.person_id IN (${personIds.map(() => '?').join(',')})`, personIds);
    const after = applied(theirs);
    const concern = new Set(puts.map((p) => p.id));
    violations.push(...doubleBookings(after, concern), ...longStretches(after, concern));
  }

  // Rule 4 over the hours touched that lie in published months.
  const touched: TimeRange[] = [
    ...puts.map((p) => ({ from: p.start, to: p.end })),
    ...[...before.values(), ...removes].map((r) => ({ from: r.start_at, to: r.end_at })),
  ];
  for (const w of publishedWindows(tx, touched)) {
    const rows = tx.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.end_at > ? AND s.start_at < ?`, [w.from, w.to]);
    for (const g of coverageGaps(applied(rows), w.from, w.to)) {
      const culprits = [
        ...puts.map((p) => ({ id: p.id, from: p.start, to: p.end })),
        ...[...before.values(), ...removes].map((r) => ({ id: r.id, from: r.start_at, to: r.end_at })),
      ]
        .filter((c) => c.from < g.to && c.to > g.from)
        .map((c) => c.id);
      violations.push(
        violation(
          {
            zh: `违反“每个时段须有带班领导和值班员在岗”：已发布的 ${w.month} 排班将出现 ${g.text.zh}`,
            en: `the published roster of ${w.month} would have ${g.message}`,
          },
          { rule: 'coverage', shiftIds: [...new Set(culprits)], from: g.from, to: g.to },
        ),
      );
    }
  }
  return { puts, removes, before, violations };
}

/** Touched spans clipped to published months and merged, each tagged with its month. */
function publishedWindows(tx: Reader, spans: TimeRange[]): (TimeRange & { month: string })[] {
  if (spans.length === 0) return [];
  const out: (TimeRange & { month: string })[] = [];
  const from = Math.min(...spans.map((s) => s.from));
  const to = Math.max(...spans.map((s) => s.to));
  for (const month of publishedMonthsIn(tx, { from, to })) {
    const m = monthRange(month);
    const clipped = spans
      .map((s) => ({ from: Math.max(s.from, m.from), to: Math.min(s.to, m.to) }))
      .filter((s) => s.to > s.from)
      .sort((a, b) => a.from - b.from);
    for (const s of clipped) {
      const last = out[out.length - 1];
      if (last && last.month === month && s.from <= last.to) last.to = Math.max(last.to, s.to);
      else out.push({ ...s, month });
    }
  }
  return out;
}

export function refuseViolations(what: { zh: string; en: string }, violations: RuleViolation[]): never {
  const shown = violations.slice(0, 12).map((v) => v.text);
  const rest = violations.length - shown.length;
  throw new RefusedError(
    {
      zh: `${what.zh}未被接受：${shown.map((t) => t.zh).join('；')}${rest > 0 ? `；另有 ${rest} 处` : ''}`,
      en: `${what.en} was refused: ${shown.map((t) => t.en).join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`,
    },
    { violations },
  );
}

const snapshot = (s: { personId: string; personName: string; role: string; start: number; end: number; note: string }): string =>
  JSON.stringify({ personId: s.personId, personName: s.personName, role: s.role, start: s.start, end: s.end, note: s.note });
const rowSnapshot = (r: ShiftRow): string =>
  snapshot({ personId: r.person_id, personName: r.name, role: r.role, start: r.start_at, end: r.end_at, note: r.note });

/** Writes a checked change and its history. Returns the time span it touched. */
export function writeShiftChange(tx: Tx, c: CheckedChange, opts: ChangeOptions, demo = false): TimeRange | null {
  const correction = opts.correction ? 1 : 0;
  const reason = opts.correction?.reason ?? '';
  const history = (shiftId: string, kind: string, b: string | null, a: string | null, from: number, to: number): void => {
    tx.run(
      'INSERT INTO duty_shift_history (shift_id, at, kind, via, correction, reason, before_json, after_json, span_from, span_to, by_id, by_name, by_role, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [shiftId, opts.now, kind, opts.via, correction, reason, b, a, from, to, opts.by.id, opts.by.name, opts.by.role, opts.peer],
    );
  };
  let from = Infinity;
  let to = -Infinity;
  const span = (a: number, b: number): void => {
    from = Math.min(from, a);
    to = Math.max(to, b);
  };
  for (const r of c.removes) {
    tx.run('DELETE FROM duty_shift WHERE id = ?', [r.id]);
    history(r.id, 'removed', rowSnapshot(r), null, r.start_at, r.end_at);
    span(r.start_at, r.end_at);
  }
  for (const p of c.puts) {
    const b = c.before.get(p.id);
    if (b) {
      tx.run('UPDATE duty_shift SET person_id = ?, role = ?, start_at = ?, end_at = ?, note = ?, corrected = MAX(corrected, ?), updated_at = ? WHERE id = ?', [
        p.personId,
        p.role,
        p.start,
        p.end,
        p.note,
        correction,
        opts.now,
        p.id,
      ]);
      history(p.id, 'changed', rowSnapshot(b), snapshot(p), Math.min(b.start_at, p.start), Math.max(b.end_at, p.end));
      span(b.start_at, b.end_at);
    } else {
      tx.run(
        'INSERT INTO duty_shift (id, person_id, role, start_at, end_at, note, corrected, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [p.id, p.personId, p.role, p.start, p.end, p.note, correction, demo ? 1 : 0, opts.now, opts.now],
      );
      history(p.id, 'created', null, snapshot(p), p.start, p.end);
    }
    span(p.start, p.end);
  }
  return from < to ? { from, to } : null;
}

interface HistoryRow {
  shift_id: string;
  at: number;
  kind: string;
  via: string;
  correction: number;
  reason: string;
  before_json: string | null;
  after_json: string | null;
  by_id: string;
  by_name: string;
  by_role: string;
  peer: string;
}

function historyFromRow(r: HistoryRow): ShiftHistoryEntry {
  return {
    shiftId: r.shift_id,
    at: r.at,
    kind: r.kind as ShiftHistoryEntry['kind'],
    via: r.via as ShiftHistoryEntry['via'],
    correction: bool(r.correction),
    reason: r.reason,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    by: refFrom(r.by_id, r.by_name, r.by_role),
    peer: r.peer,
  };
}

// ---- the service ------------------------------------------------------------------------

export class RosterService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  roster(period: RosterPeriod): Roster {
    const r = periodRange(period);
    const shifts = shiftsOverlapping(this.store, r.from, r.to);
    const booked = new Set(shifts.map((s) => s.personId));
    const people = listPeople(this.store).filter((p) => p.active || booked.has(p.id));
    return { ...r, shifts, people, publishedMonths: publishedMonthsIn(this.store, r) };
  }

  onDuty(at?: number): OnDuty {
    return onDutyAt(this.store, at ?? this.now());
  }

  checkCoverage(period: RosterPeriod): Coverage {
    const r = periodRange(period);
    const rows = this.store.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.end_at > ? AND s.start_at < ?`, [r.from, r.to]);
    const gaps = coverageGaps(rows.map(ruleShift), r.from, r.to);
    return { ...r, complete: gaps.length === 0, gaps };
  }

  async changeShifts(
    p: { put: PutInput[]; remove: string[]; by: string; correction?: { reason: string } },
    peer: string,
  ): Promise<{ shifts: Shift[]; removed: string[] }> {
    const now = this.now();
    const { ids, range } = await this.store.write((tx) => {
      const opts: ChangeOptions = { by: actorRef(tx, p.by), peer, via: 'edit', now, correction: p.correction };
      const checked = checkShiftChange(tx, p.put, p.remove, opts);
      if (checked.violations.length > 0) refuseViolations({ zh: '排班修改', en: 'the roster change' }, checked.violations);
      return { ids: checked.puts.map((s) => s.id), range: writeShiftChange(tx, checked, opts) };
    });
    this.changed('shifts', range);
    const shifts = ids.map((id) => shiftFromRow(this.store.get<ShiftRow>(`${SHIFT_SELECT} WHERE s.id = ?`, [id])!));
    return { shifts, removed: p.remove };
  }

  history(p: { shiftId?: string; period?: RosterPeriod; correctionsOnly: boolean }): ShiftHistoryEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (p.shiftId) {
      where.push('shift_id = ?');
      args.push(p.shiftId);
    }
    if (p.period) {
      const r = periodRange(p.period);
      where.push('span_from < ? AND span_to > ?');
      args.push(r.to, r.from);
    }
    if (p.correctionsOnly) where.push('correction = 1');
    return this.store.all<HistoryRow>(`SELECT * FROM duty_shift_history WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT 2000`, args).map(historyFromRow);
  }

  async publishMonth(month: string, by: string, peer: string): Promise<{ month: string; publishedAt: number; by: PersonRef }> {
    const now = this.now();
    const result = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const had = tx.get<{ published_at: number; by_id: string; by_name: string; by_role: string }>('SELECT * FROM duty_published_month WHERE month = ?', [
        month,
      ]);
      if (had) return { month, publishedAt: had.published_at, by: refFrom(had.by_id, had.by_name, had.by_role), fresh: false };
      const r = monthRange(month);
      const gaps = coverageGaps(tx.all<ShiftRow>(`${SHIFT_SELECT} WHERE s.end_at > ? AND s.start_at < ?`, [r.from, r.to]).map(ruleShift), r.from, r.to);
      if (gaps.length > 0) {
        const shown = gaps.slice(0, 12).map((g) => g.text);
        const rest = gaps.length - shown.length;
        throw new RefusedError(
          {
            zh: `${month} 的排班不能发布：有 ${gaps.length} 处无人值守：${shown.map((t) => t.zh).join('；')}${rest > 0 ? `；另有 ${rest} 处` : ''}`,
            en: `the roster of ${month} cannot be published: ${gaps.length} gap(s) in coverage: ${shown.map((t) => t.en).join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`,
          },
          { field: 'month', gaps },
        );
      }
      publish(tx, month, actor, now, peer);
      return { month, publishedAt: now, by: actor, fresh: true };
    });
    if (result.fresh) this.changed('publish', monthRange(month));
    return { month: result.month, publishedAt: result.publishedAt, by: result.by };
  }

  async unpublishMonth(month: string, by: string, reason: string, peer: string): Promise<{ month: string }> {
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      if (!tx.get('SELECT 1 AS one FROM duty_published_month WHERE month = ?', [month]))
        throw new RefusedError({ zh: `${month} 的排班尚未发布`, en: `the roster of ${month} is not published` }, { field: 'month' });
      tx.run('DELETE FROM duty_published_month WHERE month = ?', [month]);
      tx.run('INSERT INTO duty_publish_log (month, action, reason, at, by_id, by_name, peer) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        month,
        'unpublished',
        reason,
        now,
        actor.id,
        actor.name,
        peer,
      ]);
    });
    this.changed('publish', monthRange(month));
    return { month };
  }

  /** Tells the wall: who is on duty now, and which span to re-read. */
  changed(reason: 'shifts' | 'people' | 'publish' | 'import' | 'demo' | 'handover', range: TimeRange | null): void {
    this.bus.emit('duty.rosterChanged', { reason, range, onDuty: this.onDuty() });
  }
}

export function publish(tx: Tx, month: string, actor: PersonRef, now: number, peer: string, demo = false): void {
  tx.run('INSERT INTO duty_published_month (month, published_at, by_id, by_name, by_role, demo) VALUES (?, ?, ?, ?, ?, ?)', [
    month,
    now,
    actor.id,
    actor.name,
    actor.role,
    demo ? 1 : 0,
  ]);
  tx.run('INSERT INTO duty_publish_log (month, action, reason, at, by_id, by_name, peer) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    month,
    'published',
    '',
    now,
    actor.id,
    actor.name,
    peer,
  ]);
}
