// What the map draws, as plain data: one Feature per marker, from map objects, cameras, duty-log
// reports, active plan responses, open tasks with a place and teams out (from the teams
// capability's status, never the map object's coarse copy), filtered by street. Pure, so it is
// tested without a map.
import type { CameraSource } from '@contract/cameras';
import type { Report } from '@contract/duty';
import type { MapObject, RiskLevel } from '@contract/map';
import type { Response } from '@contract/plans';
import { isFinalTaskState, type Task, type TaskState } from '@contract/tasks';
import { OUT_STATUSES, type Team, type TeamStatus } from '@contract/teams';
import type { StreetName } from '@contract/yuexiu';
import { layerDef, RISK_RADIUS, type LayerId } from './layers';
import { streetPoint } from './street-point';
import { LEVELS, STATES, type LevelName, type StateName } from '../../styles/colour-language';

/** A task on the map: its state said by a state's colour, shape and word (never a level colour). */
export type TaskTone = 'issued' | 'working' | 'late';
export const TASK_TONE_STATE: Record<TaskTone, StateName> = { issued: 'attention', working: 'normal', late: 'alarm' };
/** A team out: its status by a glyph and a word, all in the team layer's hue. */
export type SortieStatus = 'dispatched' | 'on_scene' | 'returning';
export const SORTIE_GLYPHS: Record<SortieStatus, string> = { dispatched: '➤', on_scene: '⚑', returning: '↩' };

/** The words of the task states and team statuses, in the page's language (the panel's i18n). */
export interface OpsWords {
  task(state: TaskState | 'unacknowledged' | 'overdue'): string;
  team(status: TeamStatus): string;
}

/** A task's or a team's marker: what the ops layer writes on it. */
export interface OpsMark {
  /** 'task-issued' | 'task-working' | 'task-late' | 'sortie-dispatched' | …: the marker's class and the legend's row. */
  tone: string;
  glyph: string;
  /** The state or status in words. */
  word: string;
  /** The task (a task's own id; a team's current task). */
  taskId: string | null;
  /** A dispatched team: its task's place, where its line goes. */
  to?: { lat: number; lng: number };
}

/** What the map reads of a task, a team and a report (the live ones, or the replayed moment's). */
export type MapTask = Pick<Task, 'id' | 'title' | 'state' | 'position' | 'addressee' | 'unacknowledged' | 'overdue' | 'ackDueAt' | 'deadline'>;
export type MapTeam = Pick<Team, 'id' | 'name' | 'street' | 'status' | 'taskId' | 'position'>;
export type MapReport = Pick<Report, 'id' | 'street' | 'coordinates' | 'location' | 'severity'>;

/** A task's tone as of `now`: past its window or its deadline is late, whatever its state says. */
export function taskTone(t: MapTask, now: number): { tone: TaskTone; word: TaskState | 'unacknowledged' | 'overdue' } {
  const unacknowledged = t.unacknowledged || (t.state === 'issued' && now > t.ackDueAt);
  const overdue = t.overdue || (!isFinalTaskState(t.state) && now > t.deadline);
  if (unacknowledged) return { tone: 'late', word: 'unacknowledged' };
  if (overdue) return { tone: 'late', word: 'overdue' };
  return { tone: t.state === 'issued' ? 'issued' : 'working', word: t.state };
}

const isOut = (s: TeamStatus): s is SortieStatus => OUT_STATUSES.includes(s);

export interface Feature {
  layer: LayerId;
  /** "obj_…", "camera:<id>", "report:<id>", "response:<id>@<reportId>". */
  key: string;
  name: string;
  lat: number;
  lng: number;
  colour: string;
  radius: number;
  /** A ring rather than a dot (responses, and reports placed only by their street). */
  ring: boolean;
  /** Placed at its street's label point, for want of coordinates. */
  approximate?: boolean;
  /** A risk point's level (a cluster takes the colour of its worst). */
  level?: RiskLevel;
  /** A task or a team out: a labelled marker (ops-layer.ts). */
  mark?: OpsMark;
}

export interface FeatureInput {
  objects: readonly MapObject[];
  cameras: readonly CameraSource[];
  reports: readonly MapReport[];
  responses: readonly Response[];
  street: StreetName | null;
  /** Tasks (open ones with a place are drawn) and teams (those out are drawn where they last were). */
  tasks?: readonly MapTask[];
  teams?: readonly MapTeam[];
  words?: OpsWords;
  /** The server's clock now (a task's window and deadline). */
  now?: number;
}

const KEY_WORDS: OpsWords = { task: (s) => s, team: (s) => s };

/** Response levels Ⅰ–Ⅳ in the national colours (Ⅰ red … Ⅳ blue). */
const RESPONSE_LEVEL_COLOUR: Record<Response['level'], LevelName> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

const SEVERITY_COLOURS: Record<Report['severity'], string> = { low: '#ff9de9', medium: '#ff4fd8', high: '#ff2bb0', critical: '#ff0066' };

/**
 * An object's feature depends on the object alone: made once per object (the slice keeps an
 * unchanged object's identity), so rebuilding 50,000 features when a task or a report changes
 * allocates nothing for them, and the clusters see the same features and keep what they drew.
 */
const objectFeatures = new WeakMap<MapObject, Feature>();

function objectFeature(o: MapObject): Feature {
  let f = objectFeatures.get(o);
  if (f) return f;
  const def = layerDef(o.kind);
  const risk = o.kind === 'risk';
  f = {
    layer: o.kind,
    key: o.id,
    name: o.name,
    lat: o.position.lat,
    lng: o.position.lng,
    colour: risk ? LEVELS[o.level].colour : def.colour,
    radius: risk ? RISK_RADIUS[o.level] : def.radius,
    ring: false,
    ...(risk ? { level: o.level } : {}),
  };
  objectFeatures.set(o, f);
  return f;
}

/** The objects' features of the last build, reused while the objects, street and teams out stay. */
let lastObjectPart: { objects: readonly MapObject[]; street: StreetName | null; out: string; features: Feature[] } | null = null;

function objectPart(objects: readonly MapObject[], street: StreetName | null, out: ReadonlyMap<string, unknown>): Feature[] {
  const outKey = [...out.keys()].join(',');
  const last = lastObjectPart;
  if (last && last.objects === objects && last.street === street && last.out === outKey) return last.features;
  const features: Feature[] = [];
  for (const o of objects) {
    if (street !== null && o.street !== street) continue;
    if (o.kind === 'team' && out.has(o.id)) continue;
    features.push(objectFeature(o));
  }
  lastObjectPart = { objects, street, out: outKey, features };
  return features;
}

export function buildFeatures({
  objects,
  cameras,
  reports,
  responses,
  street,
  tasks = [],
  teams = [],
  words = KEY_WORDS,
  now = Date.now(),
}: FeatureInput): Feature[] {
  const inStreet = (s: StreetName | null): boolean => street === null || s === street;
  // A team out is drawn as its sortie (below), not as a standing team's dot.
  const out_ = new Map(teams.filter((t) => isOut(t.status)).map((t) => [t.id, t]));
  const out: Feature[] = objectPart(objects, street, out_).slice();
  for (const c of cameras) {
    if (!c.position || !c.enabled || !inStreet(c.street)) continue;
    out.push({
      layer: 'camera',
      key: `camera:${c.id}`,
      name: c.name,
      lat: c.position.lat,
      lng: c.position.lng,
      colour: layerDef('camera').colour,
      radius: 4,
      ring: false,
    });
  }
  const located = new Map<string, { lat: number; lng: number }>();
  for (const r of reports) {
    if (!inStreet(r.street)) continue;
    // A report taken without coordinates still has its street: drawn hollow at the street's
    // label point (an approximate place, as the card says).
    const at = r.coordinates ?? streetPoint(r.street);
    located.set(r.id, at);
    out.push({
      layer: 'report',
      key: `report:${r.id}`,
      name: r.location,
      ...at,
      colour: SEVERITY_COLOURS[r.severity],
      radius: 8,
      ring: !r.coordinates,
      approximate: !r.coordinates,
    });
  }
  // A response has no place of its own: it is drawn at each report it was escalated from.
  for (const resp of responses) {
    for (const id of resp.reportIds) {
      const at = located.get(id);
      if (!at) continue;
      out.push({
        layer: 'response',
        key: `response:${resp.id}@${id}`,
        name: resp.planTitle,
        ...at,
        colour: LEVELS[RESPONSE_LEVEL_COLOUR[resp.level]].colour,
        radius: layerDef('response').radius,
        ring: true,
      });
    }
  }
  const placed = new Map<string, { lat: number; lng: number }>();
  for (const t of tasks) {
    if (!t.position || isFinalTaskState(t.state)) continue;
    placed.set(t.id, t.position);
    if (street !== null && !(t.addressee.kind === 'street' && t.addressee.name === street)) continue;
    const { tone, word } = taskTone(t, now);
    const state = STATES[TASK_TONE_STATE[tone]];
    out.push({
      layer: 'task',
      key: `task:${t.id}`,
      name: t.title,
      ...t.position,
      colour: state.colour,
      radius: layerDef('task').radius,
      ring: false,
      mark: { tone: `task-${tone}`, glyph: state.shape, word: words.task(word), taskId: t.id },
    });
  }
  for (const team of out_.values()) {
    if (!inStreet(team.street) || !isOut(team.status)) continue;
    const to = team.status === 'dispatched' && team.taskId ? placed.get(team.taskId) : undefined;
    out.push({
      layer: 'sortie',
      key: team.id,
      name: team.name,
      lat: team.position.lat,
      lng: team.position.lng,
      colour: layerDef('sortie').colour,
      radius: layerDef('sortie').radius,
      ring: false,
      mark: { tone: `sortie-${team.status}`, glyph: SORTIE_GLYPHS[team.status], word: words.team(team.status), taskId: team.taskId, ...(to ? { to } : {}) },
    });
  }
  return out;
}

/**
 * Whether two lists draw the same markers, field by field: compared in place (50,000 features
 * each time a report, task or team changes), never through a string of them all.
 */
export function sameMarkers(a: readonly Feature[], b: readonly Feature[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.key !== y.key || x.lat !== y.lat || x.lng !== y.lng || x.colour !== y.colour || x.radius !== y.radius || x.level !== y.level) return false;
  }
  return true;
}

/** The legend's rows for tasks and teams out: each tone with its glyph (words: i18n map.ops.<tone>). */
export const OPS_TONES: Record<'task' | 'sortie', readonly { tone: string; glyph: string }[]> = {
  task: (['late', 'issued', 'working'] as const).map((t) => ({ tone: `task-${t}`, glyph: STATES[TASK_TONE_STATE[t]].shape })),
  sortie: (['dispatched', 'on_scene', 'returning'] as const).map((s) => ({ tone: `sortie-${s}`, glyph: SORTIE_GLYPHS[s] })),
};

/** Markers per layer, and risk points per level, for the legend. */
export function countFeatures(
  features: readonly Feature[],
): Record<LayerId, number> & { riskByLevel: Partial<Record<RiskLevel, number>>; byTone: Partial<Record<string, number>> } {
  const counts = {
    risk: 0,
    shelter: 0,
    warehouse: 0,
    team: 0,
    waterlogging: 0,
    geohazard: 0,
    camera: 0,
    report: 0,
    response: 0,
    task: 0,
    sortie: 0,
    riskByLevel: {} as Partial<Record<RiskLevel, number>>,
    byTone: {} as Partial<Record<string, number>>,
  };
  for (const f of features) {
    counts[f.layer]++;
    if (f.mark) counts.byTone[f.mark.tone] = (counts.byTone[f.mark.tone] ?? 0) + 1;
    if (f.level) counts.riskByLevel[f.level] = (counts.riskByLevel[f.level] ?? 0) + 1;
  }
  return counts;
}

/** Active responses with no located report: listed under the legend, since they cannot be drawn. */
export function unplacedResponses(responses: readonly Response[], features: readonly Feature[]): Response[] {
  const placed = new Set(features.filter((f) => f.layer === 'response').map((f) => f.key.slice('response:'.length).split('@')[0]));
  return responses.filter((r) => !placed.has(r.id));
}
