// WHO MAY DO WHAT. Every method of the contract names the one right it needs (define.ts: `right`,
// or `rightFor` when the params decide, e.g. a Level Ⅰ response). The dispatcher refuses a call
// whose caller lacks it (RpcCode.Forbidden, naming the right), and rpc.discover shows it
// (`x-right`). A signed-in person holds the rights of their role; the mapping of roles to rights
// below is only the default: an administrator changes it (auth.saveRole), and the identity
// capability keeps the changed mapping.
//
// Rights are named by what they let a person do, not by the screen that uses them.
import { z } from 'zod';
import type { Label } from './primitives';

export const Right = z.enum([
  /** Callable by anyone, signed in or not (sign-in itself, who-am-i); the dispatcher never refuses it. */
  'public',
  /** Every read method: lists, gets, exports, the OpenRPC document. */
  'read',
  /** The duty room's records: reports, their status, handovers, people, the roster. */
  'duty.write',
  /** Record a new report (接报) in the duty log; a street's machine only for its own street, marked as from it. */
  'duty.report',
  /** The plan library: save, archive, attachments, drills. */
  'plans.edit',
  /** Run a response at Level Ⅲ/Ⅳ: activate, change level, tick actions, notes, link reports, close. */
  'plans.activate',
  /** Activate a response at Level Ⅰ/Ⅱ, or raise one to Ⅰ/Ⅱ. */
  'plans.activateMajor',
  /** Power sources (NUT, SNMP, Modbus) and thresholds; the host's own power report. */
  'power.configure',
  /** Acknowledge and mute power alarms. */
  'power.operate',
  /** Map objects, imports and tile sources. */
  'map.edit',
  /** Weather warnings: CAP import, cancel by hand, the feed. */
  'warnings.manage',
  /** Camera sources and tours. */
  'cameras.configure',
  /** What the wall shows: presets, the active preset, the camera tour running. */
  'wall.control',
  /** Start, steer and end a consultation (the district's console). */
  'consult.host',
  /** Take part in a consultation: join, leave, signal, report presence (what a street needs). */
  'consult.join',
  /** Enter the values of the indicators the system does not compute. */
  'stats.edit',
  /** This centre, its settings, roles and their rights, machines, demo data. */
  'settings.admin',
  /** Read the audit trail and verify its chain. */
  'audit.read',
  /** Order tasks (指令) down to streets, teams, warehouses and departments; cancel them. */
  'tasks.issue',
  /** Answer the tasks addressed to one's own unit: acknowledge, progress, done with a result, refuse with a reason. */
  'tasks.answer',
  /** Materials (物资): record stock movements (in, out, transfer, write-off), dispatch approved requests, set thresholds. */
  'materials.write',
  /** Ask the district for materials (物资申请) for one's own street, withdraw the request, confirm receipt. */
  'materials.request',
  /** Approve or refuse the streets' material requests (统一调拨). */
  'materials.approve',
  /** Rescue teams' status: arrived on scene, returning, resting, standing by (dispatching one is tasks.issue). */
  'teams.write',
]);
export type Right = z.infer<typeof Right>;

/** The rights a role can be given (`public` is everybody's and is never granted). */
export const GrantableRight = Right.exclude(['public']);
export type GrantableRight = z.infer<typeof GrantableRight>;
export const GRANTABLE_RIGHTS: readonly GrantableRight[] = GrantableRight.options;

/**
 * Rights whose methods change nothing: a successful call is not handed to the audit hook
 * (dispatch.ts `onWrite`). Every other right is a write right.
 */
export const READ_RIGHTS: ReadonlySet<Right> = new Set<Right>(['public', 'read', 'audit.read']);

export const RIGHT_LABELS: Record<Right, Label> = {
  public: { zh: '公开', en: 'Public' },
  read: { zh: '查看', en: 'Read' },
  'duty.write': { zh: '值班记录', en: 'Duty records' },
  'duty.report': { zh: '接报登记', en: 'Record reports' },
  'plans.edit': { zh: '预案编辑', en: 'Edit plans' },
  'plans.activate': { zh: '预案启动（Ⅲ/Ⅳ级）', en: 'Run responses (Level Ⅲ/Ⅳ)' },
  'plans.activateMajor': { zh: '预案启动（Ⅰ/Ⅱ级）', en: 'Run responses (Level Ⅰ/Ⅱ)' },
  'power.configure': { zh: '电源配置', en: 'Configure power' },
  'power.operate': { zh: '电源告警处置', en: 'Handle power alarms' },
  'map.edit': { zh: '地图编辑', en: 'Edit the map' },
  'warnings.manage': { zh: '预警管理', en: 'Manage warnings' },
  'cameras.configure': { zh: '视频配置', en: 'Configure cameras' },
  'wall.control': { zh: '大屏控制', en: 'Control the wall' },
  'consult.host': { zh: '主持会商', en: 'Host consultations' },
  'consult.join': { zh: '参加会商', en: 'Join consultations' },
  'stats.edit': { zh: '指标填报', en: 'Enter indicators' },
  'settings.admin': { zh: '系统管理', en: 'Administration' },
  'audit.read': { zh: '审计查看', en: 'Read the audit trail' },
  'tasks.issue': { zh: '下达指令', en: 'Issue tasks' },
  'tasks.answer': { zh: '接收与反馈指令', en: 'Answer tasks' },
  'materials.write': { zh: '物资出入库', en: 'Move stock' },
  'materials.request': { zh: '物资申请', en: 'Request materials' },
  'materials.approve': { zh: '物资申请审批', en: 'Approve material requests' },
  'teams.write': { zh: '队伍状态', en: 'Team status' },
};

/** Whether a call needing `right` may be made by a caller holding `rights` (absent: unrestricted). */
export function mayCall(rights: ReadonlySet<Right> | undefined, right: Right): boolean {
  return rights === undefined || right === 'public' || rights.has(right);
}

// ---- roles ------------------------------------------------------------------------------
/**
 * The sign-in roles. The first four are the contract's DutyRole values on purpose: the roster's
 * roles and the sign-in roles are the same people (checked at compile time in duty.ts).
 */
export const Role = z.enum(['leader', 'chief', 'officer', 'tech', 'street', 'wall', 'admin']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, Label> = {
  leader: { zh: '带班领导', en: 'Leader on duty' },
  chief: { zh: '值班长', en: 'Duty chief' },
  officer: { zh: '值班员', en: 'Duty officer' },
  tech: { zh: '技术保障', en: 'Technical support' },
  street: { zh: '街道操作员', en: 'Street operator' },
  wall: { zh: '大屏（只读）', en: 'Wall display (read only)' },
  admin: { zh: '管理员', en: 'Administrator' },
};

const except = (...left: GrantableRight[]): GrantableRight[] => GRANTABLE_RIGHTS.filter((r) => !left.includes(r));

/**
 * The default mapping of roles to rights (an administrator changes it with auth.saveRole).
 *
 * - 带班领导 (leader) commands the hall: everything a duty room does, including a Level Ⅰ/Ⅱ
 *   response, but not the administration of the system (settings.admin) — that is a separate
 *   job, so a leader signed in on a console cannot re-point the hub or hand out rights.
 * - 值班长 (chief) runs the shift like the leader, but raising the district to a Level Ⅰ/Ⅱ
 *   response is the leader's decision (plans.activateMajor).
 * - 值班员 (officer) records what comes in and works the response: the duty log, a Level Ⅲ/Ⅳ
 *   response, acknowledging alarms, hosting and joining a consultation. Not the plan library,
 *   configuration of power, cameras, map or wall, nor the audit trail.
 * - 技术保障 (tech) keeps the equipment going: power, cameras, the map's data, the wall, and
 *   joins consultations to help; records no reports and starts no responses.
 * - 街道操作员 (street) takes part in the district's consultations, sees the wall read only and
 *   records reports (duty.report) for its own street only: the dispatcher holds a caller with a
 *   street to the methods' declared street param (define.ts `street`), and marks the report as
 *   from that street (source 'street'). Not duty.write: that is the roster, people and handovers.
 *   Asks for materials for its own street and confirms their receipt (materials.request).
 * - 大屏（只读） (wall) only reads: a wall display shows, it never acts.
 * - 管理员 (admin) can do everything, so a mistake in the mapping can always be repaired.
 */
export const DEFAULT_ROLE_RIGHTS: Record<Role, GrantableRight[]> = {
  leader: except('settings.admin'),
  chief: except('settings.admin', 'plans.activateMajor'),
  officer: [
    'read',
    'duty.write',
    'duty.report',
    'plans.activate',
    'power.operate',
    'consult.join',
    'consult.host',
    'tasks.issue',
    'tasks.answer',
    'materials.write',
    'materials.request',
    'materials.approve',
    'teams.write',
  ],
  tech: ['read', 'power.configure', 'power.operate', 'cameras.configure', 'map.edit', 'wall.control', 'consult.join'],
  street: ['read', 'duty.report', 'consult.join', 'tasks.answer', 'materials.request'],
  wall: ['read'],
  admin: [...GRANTABLE_RIGHTS],
};

// ---- secrets in params ------------------------------------------------------------------
/** Param keys (at any depth) whose values never reach the audit hook: they are replaced by this. */
export const SECRET_PARAM_KEYS: ReadonlySet<string> = new Set(['password', 'oldPassword', 'community', 'key', 'sessionId', 'credential', 'code']);
export const REDACTED = '[redacted]';

/** A copy of `value` with every SECRET_PARAM_KEYS value replaced by REDACTED (params are small, validated trees). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties: a "__proto__" key stays a key, never the prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_PARAM_KEYS.has(k) && v !== undefined ? REDACTED : redactSecrets(v)]));
}
