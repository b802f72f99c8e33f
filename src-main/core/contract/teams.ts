// Rescue teams (救援队伍): the status lifecycle of the district's teams, their dispatch as a task,
// and their history as of any moment (the incident timeline's replay).
//
// Semantics the core keeps (the UI can rely on them):
//  - The register is the map: a team is a map object of kind 'team' (contract/map.ts: name, street
//    and address (its base), professional or part-time, people, equipment, contact, position).
//    Teams never copies it into a register of its own; it keeps the team's status and, at each
//    change, the team as it then was (name, people, position) so that history reads as it was.
//  - Status: standby → dispatched → on_scene → returning → resting → standby (TEAM_STATUS_MOVES
//    lists every move allowed, shortcuts included: a dispatched team recalled before arriving, a
//    returning team sent straight back out or put on standby, a resting team dispatched). Any other
//    move is refused naming the team's state (Chinese first). Every change is kept with its time,
//    who made it, from which machine, the task it came from (if any) and the team's position then;
//    a change may move the team (its map object moves with it).
//  - Teams is the source of the status. The map object's `status` field is a coarse copy
//    (MAP_TEAM_STATUS: dispatched, on scene and returning all read 'deployed'), written through
//    the map's own save after every change; a map save or import that sets another status is put
//    back to the team's. A team first seen on the map is registered with the map's status
//    ('deployed' reads as dispatched).
//  - Dispatch: teams.dispatch issues a task (tasks.issue) addressed to the team by name; the
//    team becomes dispatched with that task's id. Any task issued to a team (from the tasks
//    console as well) dispatches a team that is standing by, resting or returning. The task's
//    answers move the team: received and in progress leave it dispatched (arrival is the team's
//    own report: teams.changeStatus on_scene); done brings a dispatched or on-scene team to
//    returning; refused or cancelled bring a dispatched team back to standby (it never arrived)
//    and an on-scene one to returning. Only the team's current task moves it.
//  - Arrival and return: arrivedAt is when the current sortie reached the scene, returnedAt when
//    it came back (resting or standby after returning); both stay until the next dispatch.
//  - teams.getStatusAt(at) gives every team as it was at `at` (status, task, position, times),
//    folded from the history alone: what the live list showed at that moment, exactly.
import { z } from 'zod';
import { event, method } from './define';
import { PersonRef } from './duty';
import { ActorId, EntityId, FileBase64, Timestamp, type Label } from './primitives';
import { TaskDetail, TaskInput } from './tasks';
import { Coordinates, StreetName } from './yuexiu';

// ---- vocabulary ----------------------------------------------------------------------
export const TeamStatus = z.enum(['standby', 'dispatched', 'on_scene', 'returning', 'resting']);
export type TeamStatus = z.infer<typeof TeamStatus>;
export const TEAM_STATUSES = TeamStatus.options;
export const TEAM_STATUS_LABELS: Record<TeamStatus, Label> = {
  standby: { zh: '待命', en: 'Standing by' },
  dispatched: { zh: '已出动', en: 'Dispatched' },
  on_scene: { zh: '到达现场', en: 'On scene' },
  returning: { zh: '返回中', en: 'Returning' },
  resting: { zh: '休整', en: 'Resting' },
};

/** The moves allowed from each status. */
export const TEAM_STATUS_MOVES: Record<TeamStatus, readonly TeamStatus[]> = {
  standby: ['dispatched'],
  dispatched: ['on_scene', 'returning'],
  on_scene: ['returning'],
  returning: ['resting', 'standby', 'dispatched'],
  resting: ['standby', 'dispatched'],
};
/** Statuses a team can be dispatched from. */
export const DISPATCHABLE: readonly TeamStatus[] = ['standby', 'resting', 'returning'];
/** Statuses of a team out on a sortie (it has a current task when one dispatched it). */
export const OUT_STATUSES: readonly TeamStatus[] = ['dispatched', 'on_scene', 'returning'];

/** The map's coarse status (contract/map.ts TeamStatus) for each status. */
export const MAP_TEAM_STATUS = {
  standby: 'standby',
  dispatched: 'deployed',
  on_scene: 'deployed',
  returning: 'deployed',
  resting: 'resting',
} as const satisfies Record<TeamStatus, 'standby' | 'deployed' | 'resting'>;

// ---- teams -----------------------------------------------------------------------------
const Position = z.object({ lat: z.number(), lng: z.number() });

/** A team's status as it is (teams.list) or was (teams.getStatusAt). */
export const TeamState = z.object({
  /** The team's map object. */
  id: EntityId,
  name: z.string(),
  street: StreetName.nullable(),
  professional: z.boolean(),
  people: z.number().int(),
  status: TeamStatus,
  /** When it took this status. */
  since: Timestamp,
  /** The task of the current sortie (dispatched, on scene, returning), if a task dispatched it. */
  taskId: EntityId.nullable(),
  position: Position,
  /** The current or last sortie: dispatched, reached the scene, came back. */
  dispatchedAt: Timestamp.nullable(),
  arrivedAt: Timestamp.nullable(),
  returnedAt: Timestamp.nullable(),
});
export type TeamState = z.infer<typeof TeamState>;

/** The one order of teams everywhere (list, replay, the renderer): professional first, then by name (code points, not the locale), then id. */
export function compareTeams(a: Pick<TeamState, 'professional' | 'name' | 'id'>, b: Pick<TeamState, 'professional' | 'name' | 'id'>): number {
  const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return Number(b.professional) - Number(a.professional) || byText(a.name, b.name) || byText(a.id, b.id);
}

/** A team now: its state and its register as the map holds it. */
export const Team = TeamState.extend({
  address: z.string(),
  equipment: z.string(),
  contact: z.string(),
  demo: z.boolean(),
});
export type Team = z.infer<typeof Team>;

export const TeamHistoryEntry = z.object({
  at: Timestamp,
  /** registered: first seen on the map; status: a change of status; register: moved or changed on the map; removed: taken off the map. */
  kind: z.enum(['registered', 'status', 'register', 'removed']),
  from: TeamStatus.nullable(),
  status: TeamStatus,
  taskId: EntityId.nullable(),
  position: Position,
  /** The acting person; null for what the map or a task's answer did. */
  by: PersonRef.nullable(),
  peer: z.string(),
  note: z.string(),
});
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntry>;

export const TeamDetail = Team.extend({ history: z.array(TeamHistoryEntry) });
export type TeamDetail = z.infer<typeof TeamDetail>;

const byStatus = z.object(Object.fromEntries(TEAM_STATUSES.map((s) => [s, z.number().int()])) as Record<TeamStatus, z.ZodNumber>);
export const TeamSummary = z.object({
  teams: z.number().int(),
  people: z.number().int(),
  /** Teams in each status. */
  byStatus,
  /** People of the teams in each status. */
  peopleByStatus: byStatus,
});
export type TeamSummary = z.infer<typeof TeamSummary>;

/** The task a dispatch issues: a task's fields without its addressee (the team is it). */
export const DispatchTaskInput = TaskInput.omit({ addressee: true });
export type DispatchTaskInput = z.input<typeof DispatchTaskInput>;

/** The sheet teams.importTeams reads, and its columns (Chinese headers; English ones are understood too). */
export const TEAM_SHEET = '救援队伍';
// Twin in shape of contract/map.ts RISK_CATEGORY_LABELS (both tables of two-language words); different facts, kept apart on purpose.
export const TEAM_COLUMNS = {
  id: { zh: '编号', en: 'id' },
  name: { zh: '队伍名称', en: 'name' },
  type: { zh: '类型', en: 'type' },
  street: { zh: '街道', en: 'street' },
  address: { zh: '驻地', en: 'base' },
  people: { zh: '人数', en: 'people' },
  equipment: { zh: '装备', en: 'equipment' },
  contact: { zh: '联系方式', en: 'contact' },
  lat: { zh: '纬度', en: 'lat' },
  lng: { zh: '经度', en: 'lng' },
  note: { zh: '备注', en: 'note' },
} as const;

/** One refused row of an import: its row number as Excel shows it, the column's header, why. */
export const TeamImportProblem = z.object({ row: z.number().int(), column: z.string(), reason: z.object({ zh: z.string(), en: z.string() }) });
export type TeamImportProblem = z.infer<typeof TeamImportProblem>;

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const teamsMethods = {
  'teams.list': method({
    right: 'read',
    summary: 'Every team on the map with its status, current task, position and last sortie times; and the counts by status.',
    params: z.strictObject({}),
    result: z.object({ teams: z.array(Team), summary: TeamSummary }),
  }),
  'teams.get': method({
    right: 'read',
    summary: 'One team with its history of status changes (newest first).',
    params: z.strictObject({ id: EntityId }),
    result: TeamDetail,
  }),
  'teams.getSummary': method({
    right: 'read',
    summary: 'Teams and their people, counted by status.',
    params: z.strictObject({}),
    result: TeamSummary,
  }),
  'teams.getStatusAt': method({
    right: 'read',
    summary: 'Every team as it was at a moment (status, task, position, sortie times), from the history: for the timeline replay.',
    params: z.strictObject({ at: Timestamp }),
    result: z.object({ at: Timestamp, teams: z.array(TeamState), summary: TeamSummary }),
  }),
  'teams.changeStatus': method({
    right: 'teams.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Move a team to another status (arrived on scene, returning, resting, standing by …), optionally with its position now.',
    params: z.strictObject({
      id: EntityId,
      status: TeamStatus,
      by: ActorId,
      note: z.string().trim().max(500).default(''),
      /** Where the team is now (its map object moves there); omit to keep it. */
      position: Coordinates.optional(),
    }),
    result: Team,
  }),
  'teams.dispatch': method({
    right: 'tasks.issue',
    actor: { param: 'by', is: 'id' },
    summary: 'Dispatch a team: issue a task addressed to it (as tasks.issue) and mark it dispatched with that task.',
    params: z.strictObject({ teamId: EntityId, task: DispatchTaskInput, by: ActorId }),
    result: z.object({ team: Team, task: TaskDetail }),
  }),
  'teams.importTeams': method({
    right: 'map.edit',
    summary:
      'Import the team register from an .xlsx workbook (sheet 救援队伍; columns 编号, 队伍名称, 类型 (专业/兼职), 街道, 驻地, 人数, 装备, 联系方式, 纬度, 经度, 备注) into the map: a row with a 编号 changes that team, one without adds a team (standing by). All or nothing: a refusal (-32000) names every bad row, column and reason in its message and in data.problems [{ row, column, reason: { zh, en } }], and writes nothing.',
    params: z.strictObject({ fileBase64: FileBase64, dryRun: z.boolean().default(false) }),
    result: z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() }),
  }),
} as const;

// ---- events ---------------------------------------------------------------------------
export const teamsEvents = {
  'teams.changed': event({
    right: 'read',
    summary:
      'A team changed status, was registered, moved or removed on the map. Carries the team (null when removed or for a bulk change: re-read teams.list) and the counts.',
    payload: z.object({
      change: z.enum(['status', 'registered', 'register', 'removed', 'bulk']),
      teamId: EntityId.nullable(),
      team: Team.nullable(),
      entry: TeamHistoryEntry.nullable(),
      summary: TeamSummary,
    }),
  }),
} as const;
