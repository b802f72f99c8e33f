// Alarm-to-preset for tasks, through a real core: a task still unacknowledged past its window
// switches every display to the task alarm's preset (the tasks capability's own clock pushes the
// crossing); the task received puts the wall back. A task overdue raises its own alarm, which the
// operator acknowledges on the wall; an acknowledged one does not switch again, a cancelled task
// ends its alarm.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import type { TaskInput } from '@contract/tasks';
import { openHarness, staff, T0, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;
const MIN = 60_000;

const taskPreset = {
  id: 'tasks-alarm',
  name: '指令告警',
  layout: standardLayout('1+5'),
  cells: ['tasks', 'map', 'duty-now', 'warnings', 'plan-responses', 'power'],
};

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  await h.call('wall.savePreset', { preset: taskPreset });
  await h.call('wall.activate', { display: 1, presetId: 'quad' });
  await h.call('wall.saveSettings', { patch: { alarmPresets: { 'task-alarm': 'tasks-alarm' } } });
});
afterEach(() => h.close());

const order = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: '疏散北京路低洼点群众',
  content: '北京路与大南路交界低洼处，组织群众转移',
  priority: 'urgent',
  addressee: { kind: 'street', name: '北京街' },
  deadline: T0 + 60 * MIN,
  ackWindowMin: 1,
  ...over,
});

/** The tasks capability wakes at most a second after its clock passes a line: wait for the wall to follow. */
async function until(ok: () => Promise<boolean>, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('the wall did not follow in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const wall = () => h.call('wall.get');
const shows = (presetId: string) => async () => Object.values((await wall()).active).every((p) => p === presetId);

describe('task alarms switch the wall', () => {
  it('a task unacknowledged past its window switches every display; receiving it switches back', async () => {
    const t = await h.call('tasks.issue', { task: order(), by: ids['陈志强'] });
    h.clock.now = T0 + MIN + 1;
    await until(shows('tasks-alarm'));
    let w = await wall();
    expect(w.alarms).toMatchObject([{ kind: 'task-alarm', key: `${t.id}#unacknowledged`, title: '指令「疏散北京路低洼点群众」超时未接收（北京街）' }]);
    expect(w.restore).toEqual({ '0': 'overview', '1': 'quad' });
    await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] });
    await until(async () => (await wall()).active['1'] === 'quad');
    w = await wall();
    expect(w.active).toEqual({ '0': 'overview', '1': 'quad' });
    expect(w.alarms).toEqual([]);
  });

  it('a task overdue raises its own alarm; acknowledged on the wall it stays acknowledged; cancelling ends any left', async () => {
    const t = await h.call('tasks.issue', { task: order({ ackWindowMin: 30, deadline: T0 + 10 * MIN }), by: ids['陈志强'] });
    await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] });
    h.clock.now = T0 + 10 * MIN + 1;
    await until(shows('tasks-alarm'));
    expect((await wall()).alarms).toMatchObject([{ kind: 'task-alarm', key: `${t.id}#overdue` }]);
    // The duty officer acknowledges it: the wall goes back, and progress on the still-overdue task does not switch it again.
    await h.call('wall.acknowledgeAlarm', { key: `${t.id}#overdue` });
    expect((await wall()).active).toEqual({ '0': 'overview', '1': 'quad' });
    await h.call('tasks.progress', { id: t.id, by: ids['周杰'], note: '已到场' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await wall()).active).toEqual({ '0': 'overview', '1': 'quad' });

    // A second task crosses its window, then is cancelled by the district: its alarm ends with it.
    const u = await h.call('tasks.issue', { task: order({ title: '封闭积水路段', deadline: T0 + 70 * MIN }), by: ids['陈志强'] });
    h.clock.now += MIN + 1;
    await until(shows('tasks-alarm'));
    await h.call('tasks.cancel', { id: u.id, by: ids['陈志强'], reason: '已由交警处置' });
    await until(async () => (await wall()).alarms?.length === 0);
    expect((await wall()).active).toEqual({ '0': 'overview', '1': 'quad' });
  });
});
