// The map panel's pure parts: features from the data and legend counts.
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../styles/colour-language';
import { buildFeatures, countFeatures, sameMarkers, unplacedResponses } from './features';
import { anyObject as obj } from '../../state/map/test-fixtures';
import { task } from '../../state/tasks/test-fixtures';
import { team } from '../../state/teams/test-fixtures';
import { STATES } from '../../styles/colour-language';

describe('map features', () => {
  const objects = [
    obj({ kind: 'risk', level: 'orange', category: 'fire', measures: '', street: '北京街' } as never),
    obj({ kind: 'risk', level: 'blue', category: 'fire', measures: '', street: '大塘街' } as never),
    obj({ kind: 'shelter', capacity: 10, areaM2: 20, areaPerPerson: 2, indoor: true, manager: '', street: '北京街' } as never),
  ];
  const report = { id: 'rep_abcd1', location: '某处', street: '北京街', severity: 'high', coordinates: { lat: 23.126, lng: 113.271 } } as never;
  const unlocated = { id: 'rep_abcd2', location: '无坐标', street: '北京街', severity: 'low', coordinates: null } as never;
  const response = { id: 'rsp_abcd1', planTitle: '三防预案', level: 'II', reportIds: ['rep_abcd1'] } as never;
  const lonely = { id: 'rsp_abcd2', planTitle: '火灾预案', level: 'IV', reportIds: ['rep_abcd2'] } as never;
  const camera = {
    id: 'cam1',
    name: '路口',
    kind: 'hls',
    url: '/m',
    street: '北京街',
    position: { lat: 23.127, lng: 113.272 },
    watches: null,
    enabled: true,
  } as never;

  it('draws objects coloured by level, cameras with a place, located reports and their responses', () => {
    const f = buildFeatures({ objects, cameras: [camera], reports: [report, unlocated], responses: [response, lonely], street: null });
    expect(f.map((x) => x.layer)).toEqual(['risk', 'risk', 'shelter', 'camera', 'report', 'report', 'response', 'response']);
    expect(f[0].colour).toBe(LEVELS.orange.colour);
    expect(f[0].level).toBe('orange');
    expect(f[0].radius).toBeGreaterThan(f[1].radius);
    // A response is drawn in its level's national colour (Ⅱ orange, Ⅳ blue).
    expect(f.find((x) => x.layer === 'response')).toMatchObject({ ring: true, lat: 23.126, key: 'response:rsp_abcd1@rep_abcd1', colour: LEVELS.orange.colour });
    expect(f.find((x) => x.key === 'response:rsp_abcd2@rep_abcd2')?.colour).toBe(LEVELS.blue.colour);
    const c = countFeatures(f);
    expect(c.risk).toBe(2);
    expect(c.riskByLevel.blue).toBe(1);
    // A report without coordinates is drawn hollow at its street's label point, and so is its response.
    expect(f.find((x) => x.key === 'report:rep_abcd2')).toMatchObject({ ring: true, approximate: true, lat: 23.1255, lng: 113.2705 });
    expect(unplacedResponses([response, lonely], f)).toEqual([]);
    expect(
      unplacedResponses(
        [response, lonely],
        f.filter((x) => x.key !== 'response:rsp_abcd2@rep_abcd2'),
      ).map((r) => r.id),
    ).toEqual(['rsp_abcd2']);
  });

  it('filters by street', () => {
    const f = buildFeatures({ objects, cameras: [camera], reports: [report], responses: [], street: '大塘街' });
    expect(f.map((x) => x.layer)).toEqual(['risk']);
  });

  it('draws open tasks with a place by their state, and teams out from the teams status with a line to their task', () => {
    const T = 1_000_000;
    const scene = { lat: 23.1255, lng: 113.2705 };
    const squad = obj({
      kind: 'team',
      name: '区排水抢险队',
      people: 30,
      professional: true,
      equipment: '',
      status: 'standby',
      contact: '',
      street: '北京街',
    } as never);
    const idle = obj({
      kind: 'team',
      name: '区消防大队',
      people: 20,
      professional: true,
      equipment: '',
      status: 'deployed',
      contact: '',
      street: '北京街',
    } as never);
    const tasks = [
      task('tsk_open1', T, { position: scene }),
      task('tsk_late1', T - 600_000, { position: { lat: 23.13, lng: 113.28 } }),
      task('tsk_work1', T, { position: { lat: 23.12, lng: 113.27 }, state: 'in_progress' }),
      task('tsk_done1', T, { position: scene, state: 'done' }),
      task('tsk_nopos', T),
    ];
    // The map object says standby, the teams capability says dispatched: the teams status wins.
    const teams = [
      team(squad.id, '区排水抢险队', { status: 'dispatched', taskId: 'tsk_open1', position: { lat: 23.13, lng: 113.26 } }),
      team(idle.id, '区消防大队', { status: 'standby' }),
    ];
    const words = { task: (s: string) => `T:${s}`, team: (s: string) => `S:${s}` };
    const f = buildFeatures({ objects: [squad, idle], cameras: [], reports: [], responses: [], street: null, tasks, teams, words, now: T + 1000 });
    // The team out is not a standing team's dot any more; the one standing by still is.
    expect(f.filter((x) => x.layer === 'team').map((x) => x.key)).toEqual([idle.id]);
    const ops = f.filter((x) => x.mark);
    expect(ops.map((x) => [x.key, x.mark!.tone, x.mark!.word])).toEqual([
      ['task:tsk_open1', 'task-issued', 'T:issued'],
      ['task:tsk_late1', 'task-late', 'T:unacknowledged'],
      ['task:tsk_work1', 'task-working', 'T:in_progress'],
      [squad.id, 'sortie-dispatched', 'S:dispatched'],
    ]);
    // States by the state colours and shapes, never a level's.
    expect(ops[0]).toMatchObject({ colour: STATES.attention.colour, mark: { glyph: STATES.attention.shape } });
    expect(ops[1]).toMatchObject({ colour: STATES.alarm.colour, mark: { glyph: STATES.alarm.shape } });
    for (const o of ops) expect(Object.values(LEVELS).map((l) => l.colour)).not.toContain(o.colour);
    // The team where the teams capability last saw it, its line going to its task's place.
    expect(ops[3]).toMatchObject({ lat: 23.13, lng: 113.26, mark: { taskId: 'tsk_open1', to: scene } });
    const c = countFeatures(f);
    expect([c.task, c.sortie, c.byTone['task-late']]).toEqual([3, 1, 1]);
    // On scene: no line any more.
    const there = buildFeatures({
      objects: [squad],
      cameras: [],
      reports: [],
      responses: [],
      street: null,
      tasks,
      teams: [{ ...teams[0], status: 'on_scene' }],
      words,
      now: T,
    });
    expect(there.find((x) => x.layer === 'sortie')?.mark).toMatchObject({ tone: 'sortie-on_scene', glyph: '⚑' });
    expect(there.find((x) => x.layer === 'sortie')?.mark?.to).toBeUndefined();
  });
});

describe('features of unchanged objects (issue 17: 50,000 of them rebuilt when a task changes)', () => {
  const objects = [
    obj({ kind: 'risk', level: 'red', category: 'fire', measures: '', street: '北京街' } as never),
    obj({ kind: 'shelter', capacity: 10, areaM2: 20, areaPerPerson: 2, indoor: true, manager: '', street: '北京街' } as never),
  ];
  const build = () => buildFeatures({ objects, cameras: [], reports: [], responses: [], street: null });

  it('are the same features, so the clusters keep what they drew', () => {
    const a = build();
    const b = build();
    expect(b).not.toBe(a);
    a.forEach((f, i) => expect(b[i]).toBe(f));
    expect(sameMarkers(a, b)).toBe(true);
  });

  it('differ once an object moves or changes level, and the clusters see it', () => {
    const a = build();
    const moved = buildFeatures({
      objects: [{ ...objects[0], position: { lat: 23.2, lng: 113.3 } }, objects[1]],
      cameras: [],
      reports: [],
      responses: [],
      street: null,
    });
    const graver = buildFeatures({ objects: [{ ...objects[0], level: 'blue' } as never, objects[1]], cameras: [], reports: [], responses: [], street: null });
    expect(sameMarkers(a, moved)).toBe(false);
    expect(sameMarkers(a, graver)).toBe(false);
    expect(sameMarkers(a, a.slice(1))).toBe(false);
    // Equal by value though made apart: the same markers.
    expect(
      sameMarkers(
        a,
        a.map((f) => ({ ...f })),
      ),
    ).toBe(true);
  });
});
