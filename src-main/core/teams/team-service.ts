// Rescue teams' status (see the header of contract/teams.ts): every change one durable
// transaction (the event, with the team as it then was, and the current state), then the map's
// copy of the status written through the map's own save, then teams.changed.
//
// It follows two other capabilities through the bus, on a queue so that their events are handled
// one at a time and in order: tasks.changed (a task issued to a team dispatches it; the answers to
// its current task bring it back) and map.objectsChanged (a team added, moved, renamed or removed
// on the map; a map save or import that set another status is put back). What a kill -9 cut off
// between another capability's write and this one's is caught up when the service opens
// (reconcile), so nothing acknowledged is ever lost: a status change is acknowledged only after its
// own transaction, a dispatch only after its one transaction holding both the task and the status.
import type { z } from 'zod';
import type { CallContext } from '../contract/define';
import type { PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import {
  compareTeams,
  DISPATCHABLE,
  MAP_TEAM_STATUS,
  OUT_STATUSES,
  TEAM_STATUS_LABELS,
  TEAM_STATUS_MOVES,
  TEAM_STATUSES,
  type DispatchTaskInput,
  type Team,
  type TeamDetail,
  type TeamHistoryEntry,
  type TeamState,
  type TeamStatus,
  type TeamSummary,
} from '../contract/teams';
import type { Task, TaskDetail } from '../contract/tasks';
import type { EventBus } from '../events';
import type { Log } from '../capability';
import type { Store, Tx } from '../store';
import { actorRef, type Reader } from '../shared/records';
import { entryFromRow, fold, step, type EventRow } from './history';
import type { MapTeam, TeamLinks } from './links';
import { readTeamWorkbook, teamsGeoJson } from './team-import';

interface StateRow {
  team_id: string;
  status: string;
  since: number;
  task_id: string | null;
  lat: number;
  lng: number;
  name: string;
  street: string | null;
  professional: number;
  people: number;
  dispatched_at: number | null;
  arrived_at: number | null;
  returned_at: number | null;
  removed: number;
  updated_at: number;
}

/** Who a change is by: a person (null for what the map did), the machine it came from. */
interface Who {
  by: PersonRef | null;
  peer: string;
}

type EventKind = TeamHistoryEntry['kind'];

function stateFromRow(r: StateRow): TeamState {
  return {
    id: r.team_id,
    name: r.name,
    street: r.street as TeamState['street'],
    professional: r.professional === 1,
    people: r.people,
    status: r.status as TeamStatus,
    since: r.since,
    taskId: r.task_id,
    position: { lat: r.lat, lng: r.lng },
    dispatchedAt: r.dispatched_at,
    arrivedAt: r.arrived_at,
    returnedAt: r.returned_at,
  };
}

/** The status a team first seen on the map starts with: the map's own, 'deployed' read as dispatched. */
function statusFromMap(s: MapTeam['status']): TeamStatus {
  return s === 'deployed' ? 'dispatched' : s;
}

const samePlace = (a: { lat: number; lng: number }, b: { lat: number; lng: number }): boolean => a.lat === b.lat && a.lng === b.lng;

/** Whether the map object's register (what teams keeps of it) differs from the team's state. */
function registerDiffers(s: TeamState, t: MapTeam): boolean {
  return s.name !== t.name || s.street !== t.street || s.professional !== t.professional || s.people !== t.people || !samePlace(s.position, t.position);
}

export function teamFrom(state: TeamState, t: MapTeam | undefined): Team {
  return { ...state, address: t?.address ?? '', equipment: t?.equipment ?? '', contact: t?.contact ?? '', demo: t?.demo ?? false };
}

export function summaryOf(states: readonly TeamState[]): TeamSummary {
  const zero = (): Record<TeamStatus, number> => Object.fromEntries(TEAM_STATUSES.map((s) => [s, 0])) as Record<TeamStatus, number>;
  const byStatus = zero();
  const peopleByStatus = zero();
  let people = 0;
  for (const s of states) {
    byStatus[s.status] += 1;
    peopleByStatus[s.status] += s.people;
    people += s.people;
  }
  return { teams: states.length, people, byStatus, peopleByStatus };
}

/** The refusal of a move the team's status does not allow: names the status, Chinese first. */
function moveError(s: TeamState, to: TeamStatus): RefusedError {
  const from = TEAM_STATUS_LABELS[s.status];
  const allowed = TEAM_STATUS_MOVES[s.status];
  return new RefusedError(
    {
      zh: `队伍“${s.name}”当前为“${from.zh}”，不能改为“${TEAM_STATUS_LABELS[to].zh}”（可改为：${allowed.map((a) => TEAM_STATUS_LABELS[a].zh).join('、')}）`,
      en: `team ${s.id} is ${from.en.toLowerCase()}: it cannot become ${TEAM_STATUS_LABELS[to].en.toLowerCase()}; it can become ${allowed
        .map((a) => TEAM_STATUS_LABELS[a].en.toLowerCase())
        .join(' or ')}`,
    },
    { status: s.status, to },
  );
}

/** What the answers to a team's current task do to it (contract/teams.ts header). */
function moveForTask(change: string, status: TeamStatus): TeamStatus | null {
  if (change === 'done') return status === 'dispatched' || status === 'on_scene' ? 'returning' : null;
  if (change === 'refused' || change === 'cancelled') return status === 'dispatched' ? 'standby' : status === 'on_scene' ? 'returning' : null;
  return null;
}
const FINAL_CHANGE: Record<string, string> = { done: 'done', refused: 'refused', cancelled: 'cancelled' };

export class TeamService {
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /** The team a dispatch in progress is issuing a task to (so two teams of one name are told apart). */
  private expecting: { name: string; teamId: string } | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly links: TeamLinks,
    private readonly log: Log,
  ) {
    this.unsubscribe = bus.onAny((event, payload) => {
      if (event === 'tasks.changed') {
        const p = payload as { change: string; task: Task; entry: { by: PersonRef; peer: string } | null };
        if (p.task.addressee.kind !== 'team') return;
        const expected = this.expecting?.name === p.task.addressee.name ? this.expecting.teamId : null;
        void this.enqueue(() => this.taskChanged(p.change, p.task, p.entry, expected));
      } else if (event === 'map.objectsChanged') {
        const p = payload as { objects: { kind: string; id: string }[] | null; removedIds: string[] };
        const ids = p.objects === null ? null : [...p.objects.filter((o) => o.kind === 'team').map((o) => o.id), ...p.removedIds];
        if (ids === null || ids.length > 0) void this.enqueue(() => this.reconcileMap(ids));
      }
    });
  }

  /** Catches up with what happened while it was closed (or was cut off by a kill -9). */
  async open(): Promise<void> {
    await this.enqueue(async () => {
      await this.reconcileMap(null);
      await this.reconcileTasks();
    });
  }

  /** Waits for the queue, then stops following the bus. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.queue;
  }

  // ---- reading ----------------------------------------------------------------------------
  private states(db: Reader = this.store): TeamState[] {
    return db.all<StateRow>('SELECT * FROM team_state WHERE removed = 0').map(stateFromRow).sort(compareTeams);
  }

  private state(db: Reader, id: string): TeamState | null {
    const r = db.get<StateRow>('SELECT * FROM team_state WHERE team_id = ? AND removed = 0', [id]);
    return r ? stateFromRow(r) : null;
  }

  async list(): Promise<{ teams: Team[]; summary: TeamSummary }> {
    const objects = new Map((await this.links.map.teams()).map((t) => [t.id, t]));
    const states = this.states();
    return { teams: states.map((s) => teamFrom(s, objects.get(s.id))), summary: summaryOf(states) };
  }

  summary(): TeamSummary {
    return summaryOf(this.states());
  }

  async get(id: string): Promise<TeamDetail> {
    const s = this.state(this.store, id);
    if (!s)
      throw new RefusedError({ zh: '没有此队伍：队伍须是“一张图”上类型为救援队伍的对象', en: `no team with id ${id}: a team is a map object of kind team` });
    const history = this.store.all<EventRow>('SELECT * FROM team_status_event WHERE team_id = ? ORDER BY seq DESC LIMIT 200', [id]).map(entryFromRow);
    return { ...teamFrom(s, await this.links.map.team(id)), history };
  }

  /** Every team as it was at `at`, folded from the history alone. */
  statusAt(at: number): { at: number; teams: TeamState[]; summary: TeamSummary } {
    // Only the columns a fold reads: replaying a day of 5,000 changes reads every row up to `at`.
    const teams = fold(
      this.store.all<EventRow>(
        'SELECT team_id, at, kind, status, task_id, lat, lng, name, street, professional, people FROM team_status_event WHERE at <= ? ORDER BY seq',
        [at],
      ),
    );
    teams.sort(compareTeams);
    return { at, teams, summary: summaryOf(teams) };
  }

  // ---- changing ---------------------------------------------------------------------------
  /** A person moves a team to another status (and perhaps another place). */
  async changeStatus(id: string, to: TeamStatus, by: string, note: string, position: { lat: number; lng: number } | undefined, peer: string): Promise<Team> {
    return this.serial(async () => {
      const object = await this.mapTeam(id);
      const now = this.now();
      const { state, entry } = await this.store.write((tx) => {
        const who = { by: actorRef(tx, by), peer };
        const s = this.registered(tx, object, now);
        if (!TEAM_STATUS_MOVES[s.status].includes(to)) throw moveError(s, to);
        return this.record(tx, s, object, 'status', { status: to, at: now, who, note, position, taskId: null });
      });
      return this.after('status', object, state, entry);
    });
  }

  /**
   * Issues a task to the team and marks it dispatched with it, in one store transaction (the task's
   * own write, with the team's status event and state in it): a kill -9 leaves both or neither.
   */
  async dispatch(teamId: string, input: z.output<typeof DispatchTaskInput>, by: string, ctx: CallContext): Promise<{ team: Team; task: TaskDetail }> {
    return this.serial(async () => {
      const object = await this.mapTeam(teamId);
      const current = this.state(this.store, teamId);
      if (current && !DISPATCHABLE.includes(current.status)) throw moveError(current, 'dispatched');
      let done: { state: TeamState | null; entry: TeamHistoryEntry } | null = null;
      this.expecting = { name: object.name, teamId };
      let task: TaskDetail;
      try {
        task = await this.links.tasks.issue({ ...input, addressee: { kind: 'team', name: object.name } }, by, ctx, (tx, t) => {
          // Inside the task's transaction: checked again there, so a change since the check above refuses both.
          const s = this.registered(tx, object, t.issuedAt);
          if (!DISPATCHABLE.includes(s.status)) throw moveError(s, 'dispatched');
          const who: Who = { by: actorRef(tx, by), peer: ctx.peer };
          done = this.record(tx, s, object, 'status', {
            status: 'dispatched',
            at: t.issuedAt,
            who,
            note: `指令「${t.title}」`,
            position: undefined,
            taskId: t.id,
          });
        });
      } finally {
        this.expecting = null;
      }
      const written = done as { state: TeamState | null; entry: TeamHistoryEntry } | null;
      if (!written?.state)
        throw new RefusedError({
          zh: `指令“${task.title}”已下达，但队伍“${object.name}”未能标记为已出动`,
          en: `task ${task.id} was issued, but team ${teamId} could not be marked dispatched`,
        });
      // The map's copy and teams.changed follow the durable write (tasks.changed, heard on the queue, finds it dispatched).
      const team = await this.after('status', object, written.state, written.entry);
      return { team, task };
    });
  }

  /** The register from a workbook, into the map (all or nothing); the map's event registers the new teams here. */
  async importTeams(bytes: Uint8Array, dryRun: boolean, peer: string): Promise<{ created: number; updated: number; dryRun: boolean }> {
    const existing = new Map((await this.links.map.teams()).map((t) => [t.id, t]));
    const rows = await readTeamWorkbook(this.links.workbook, bytes, existing);
    const updated = rows.filter((r) => r.object.id !== undefined).length;
    if (dryRun) return { created: rows.length - updated, updated, dryRun };
    const done = await this.links.map.importGeoJson(teamsGeoJson(rows), peer);
    // The map's event is on the queue: answer once the new teams are registered.
    await this.queue;
    return { ...done, dryRun };
  }

  // ---- following tasks and the map ---------------------------------------------------------
  /** Runs fn after everything queued before it (each teams write is one at a time); its result or refusal goes to the caller. */
  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** For what the bus tells: a failure is logged (the next open catches up), never thrown. */
  private enqueue(fn: () => Promise<void> | void): Promise<void> {
    return this.serial(fn).catch((err: unknown) => this.log.warn(`[teams] ${err instanceof Error ? err.message : String(err)}`));
  }

  /** A task to a team: issued dispatches it (if it can go); its current task's end brings it back. */
  private async taskChanged(change: string, task: Task, entry: { by: PersonRef; peer: string } | null, expected: string | null): Promise<void> {
    const who: Who = { by: entry?.by ?? null, peer: entry?.peer ?? 'tasks' };
    if (change === 'issued') {
      const objects = (await this.links.map.teams()).filter((t) => (expected ? t.id === expected : t.name === task.addressee.name));
      for (const o of objects) await this.dispatchedBy(o, task, who, task.issuedAt);
    } else if (FINAL_CHANGE[change]) {
      await this.taskEnded(task, change, who, task.finishedAt ?? this.now());
    }
  }

  private async dispatchedBy(object: MapTeam, task: Task, who: Who, at: number): Promise<void> {
    const done = await this.store.write((tx) => {
      const s = this.registered(tx, object, at);
      if (!DISPATCHABLE.includes(s.status)) return null;
      return this.record(tx, s, object, 'status', { status: 'dispatched', at, who, note: `指令「${task.title}」`, position: undefined, taskId: task.id });
    });
    if (done) await this.after('status', object, done.state, done.entry);
  }

  private async taskEnded(task: Task, change: string, who: Who, at: number): Promise<void> {
    const ids = this.store.all<{ team_id: string }>('SELECT team_id FROM team_state WHERE task_id = ? AND removed = 0 ORDER BY team_id', [task.id]);
    for (const { team_id } of ids) {
      const object = await this.links.map.team(team_id);
      if (!object) continue;
      const done = await this.store.write((tx) => {
        const s = this.state(tx, team_id);
        const to = s ? moveForTask(change, s.status) : null;
        if (!s || !to) return null;
        const what = change === 'done' ? '已完成' : change === 'refused' ? '已拒绝' : '已撤销';
        return this.record(tx, s, object, 'status', { status: to, at, who, note: `指令「${task.title}」${what}`, position: undefined, taskId: task.id });
      });
      if (done) await this.after('status', object, done.state, done.entry);
    }
  }

  /**
   * Brings the teams in line with the map (ids: those the map just changed; null: all): registers
   * new teams, records a move or a change of the register, marks removed ones, and puts back the
   * status of any team the map shows otherwise.
   */
  private async reconcileMap(ids: string[] | null): Promise<void> {
    const all = await this.links.map.teams();
    const objects = ids === null ? all : all.filter((t) => ids.includes(t.id));
    const onMap = new Set(all.map((t) => t.id));
    const now = this.now();
    const who: Who = { by: null, peer: 'map' };
    const changes = await this.store.write((tx) => {
      const out: { object: MapTeam | null; id: string; state: TeamState | null; entry: TeamHistoryEntry; change: 'registered' | 'register' | 'removed' }[] = [];
      for (const o of objects) {
        const s = this.state(tx, o.id);
        if (!s) {
          const r = this.record(tx, null, o, 'registered', { status: statusFromMap(o.status), at: now, who, note: '', position: undefined, taskId: null });
          out.push({ object: o, id: o.id, ...r, change: 'registered' });
        } else if (registerDiffers(s, o)) {
          const r = this.record(tx, s, o, 'register', { status: s.status, at: now, who, note: '', position: o.position, taskId: null });
          out.push({ object: o, id: o.id, ...r, change: 'register' });
        }
      }
      const gone = (ids ?? this.states(tx).map((s) => s.id)).filter((id) => !onMap.has(id));
      for (const id of gone) {
        const s = this.state(tx, id);
        if (!s) continue;
        const r = this.record(tx, s, null, 'removed', { status: s.status, at: now, who, note: '', position: undefined, taskId: null });
        out.push({ object: null, id, ...r, change: 'removed' });
      }
      return out;
    });
    for (const c of changes.length <= 20 ? changes : []) this.emit(c.change, c.id, c.state ? teamFrom(c.state, c.object ?? undefined) : null, c.entry);
    if (changes.length > 20) this.emit('bulk', null, null, null);
    // The map's status is a copy of the team's: put back any other.
    for (const o of objects) {
      const s = this.state(this.store, o.id);
      if (s && MAP_TEAM_STATUS[s.status] !== o.status) await this.syncMap(o, s, 'teams');
    }
  }

  /** After a kill -9: tasks issued to teams that were not marked, current tasks that ended unheard. */
  private async reconcileTasks(): Promise<void> {
    for (const o of await this.links.map.teams()) {
      const s = this.state(this.store, o.id);
      if (!s) continue;
      if (s.taskId !== null) {
        const t = await this.links.tasks.get(s.taskId);
        const change = t ? { done: 'done', refused: 'refused', cancelled: 'cancelled' }[t.state as string] : undefined;
        if (t && change) await this.taskEnded(t, change, { by: null, peer: 'tasks' }, Math.max(t.finishedAt ?? 0, s.since));
        continue;
      }
      if (!DISPATCHABLE.includes(s.status)) continue;
      const [latest] = (await this.links.tasks.openFor(o.name)).filter((t) => t.issuedAt >= s.since);
      if (latest) await this.dispatchedBy(o, latest, { by: latest.issuedBy, peer: 'tasks' }, latest.issuedAt);
    }
  }

  // ---- the one write ------------------------------------------------------------------------
  private async mapTeam(id: string): Promise<MapTeam> {
    const object = await this.links.map.team(id);
    if (!object)
      throw new RefusedError({ zh: '没有此队伍：队伍须是“一张图”上类型为救援队伍的对象', en: `no team with id ${id}: a team is a map object of kind team` });
    return object;
  }

  /** The team's state, registering it first if the map has it but teams has not seen it yet. */
  private registered(tx: Tx, object: MapTeam, at: number): TeamState {
    const s = this.state(tx, object.id);
    if (s) return s;
    const status = statusFromMap(object.status);
    return this.record(tx, null, object, 'registered', { status, at, who: { by: null, peer: 'map' }, note: '', position: undefined, taskId: null }).state!;
  }

  /**
   * Writes one event and the state it leads to. The team as it then is comes from the map
   * object (name, street, people) and the position given, else the team's own. Times never go
   * back for one team, so its history in time order is its history in write order.
   */
  private record(
    tx: Tx,
    prev: TeamState | null,
    object: MapTeam | null,
    kind: EventKind,
    c: { status: TeamStatus; at: number; who: Who; note: string; position: { lat: number; lng: number } | undefined; taskId: string | null },
  ): { state: TeamState | null; entry: TeamHistoryEntry } {
    const last = tx.get<{ at: number | null }>('SELECT MAX(at) AS at FROM team_status_event WHERE team_id = ?', [object?.id ?? prev!.id])?.at ?? 0;
    const at = Math.max(c.at, last);
    const position = c.position ?? prev?.position ?? object!.position;
    const src = object ?? { id: prev!.id, name: prev!.name, street: prev!.street, professional: prev!.professional, people: prev!.people };
    const taskId = c.taskId ?? (OUT_STATUSES.includes(c.status) ? (prev?.taskId ?? null) : null);
    const row: Omit<EventRow, 'seq'> = {
      team_id: src.id,
      at,
      kind,
      from_status: kind === 'status' ? (prev?.status ?? null) : null,
      status: c.status,
      task_id: taskId,
      lat: position.lat,
      lng: position.lng,
      name: src.name,
      street: src.street,
      professional: src.professional ? 1 : 0,
      people: src.people,
      by_id: c.who.by?.id ?? null,
      by_name: c.who.by?.name ?? null,
      by_role: c.who.by?.role ?? null,
      peer: c.who.peer,
      note: c.note,
    };
    const cols = Object.keys(row) as (keyof typeof row)[];
    const { lastInsertRowid } = tx.run(
      `INSERT INTO team_status_event (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      cols.map((k) => row[k]),
    );
    const event: EventRow = { seq: lastInsertRowid, ...row };
    const next = step(prev, event);
    if (next === null) tx.run('UPDATE team_state SET removed = 1, updated_at = ? WHERE team_id = ?', [at, src.id]);
    else
      tx.run(
        `INSERT INTO team_state (team_id, status, since, task_id, lat, lng, name, street, professional, people, dispatched_at, arrived_at, returned_at, removed, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
         ON CONFLICT(team_id) DO UPDATE SET status = excluded.status, since = excluded.since, task_id = excluded.task_id, lat = excluded.lat,
           lng = excluded.lng, name = excluded.name, street = excluded.street, professional = excluded.professional, people = excluded.people,
           dispatched_at = excluded.dispatched_at, arrived_at = excluded.arrived_at, returned_at = excluded.returned_at, removed = 0,
           updated_at = excluded.updated_at`,
        [
          next.id,
          next.status,
          next.since,
          next.taskId,
          next.position.lat,
          next.position.lng,
          next.name,
          next.street,
          next.professional ? 1 : 0,
          next.people,
          next.dispatchedAt,
          next.arrivedAt,
          next.returnedAt,
          at,
        ],
      );
    return { state: next, entry: entryFromRow(event) };
  }

  /** After a status change: the map's copy follows (status and position), then every page hears. */
  private async after(change: 'status', object: MapTeam, state: TeamState | null, entry: TeamHistoryEntry): Promise<Team> {
    const team = teamFrom(state!, object);
    await this.syncMap(object, state!, entry.peer);
    this.emit(change, object.id, team, entry);
    return team;
  }

  private async syncMap(object: MapTeam, s: TeamState, peer: string): Promise<void> {
    if (MAP_TEAM_STATUS[s.status] === object.status && samePlace(object.position, s.position)) return;
    await this.links.map.save({ ...object, status: MAP_TEAM_STATUS[s.status], position: s.position }, peer);
  }

  private emit(
    change: 'status' | 'registered' | 'register' | 'removed' | 'bulk',
    teamId: string | null,
    team: Team | null,
    entry: TeamHistoryEntry | null,
  ): void {
    this.bus.emit('teams.changed', { change, teamId, team, entry, summary: this.summary() });
  }
}
