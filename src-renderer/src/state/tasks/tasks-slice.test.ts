// The tasks slice with a scripted client: it loads the tasks and this page's street, follows
// tasks.changed, signs commands with the acting person and folds their replies in; refusals reach
// its error.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { tasksSlice } from './tasks-slice';
import { task } from './test-fixtures';

const NOW = 50_000;

function server(extra: Replies = {}): Replies {
  return { 'tasks.list': () => [task('tsk_a0001', 1000)], 'auth.getMachine': () => null, ...extra };
}

const setup = (extra: Replies = {}) => sliceOnFake(tasksSlice, server(extra), () => NOW);

describe('tasks slice', () => {
  it('loads the tasks and the page’s street when held, and stops listening on release', async () => {
    const { fake, s } = setup({
      'auth.getMachine': () => ({
        id: 'mch_1',
        kind: 'street',
        street: '北京街',
        name: 'x',
        enrolledAt: 0,
        lastSeenAt: null,
        lastAddress: null,
        revokedAt: null,
      }),
    });
    const release = s.hold();
    fake.status('open');
    await tick();
    expect(s.store.getState()).toMatchObject({ loaded: true, street: '北京街' });
    expect(s.store.getState().tasks.map((t) => t.id)).toEqual(['tsk_a0001']);
    expectListeningWhileHeld(fake, s, release);
  });

  it('follows pushes: a new task joins, an answered one is replaced', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    fake.emit('tasks.changed', { change: 'issued', task: task('tsk_b0001', 2000), entry: null });
    fake.emit('tasks.changed', { change: 'received', task: task('tsk_a0001', 1000, { state: 'received', updatedAt: 3000 }), entry: null });
    expect(s.store.getState().tasks.map((t) => [t.id, t.state])).toEqual([
      ['tsk_b0001', 'issued'],
      ['tsk_a0001', 'received'],
    ]);
  });

  it('answers as the acting person and folds the reply in; a refusal lands in error', async () => {
    const { fake, s, host } = setup({
      'tasks.acknowledge': (p: any) => ({ ...task(p.id, 1000, { state: 'received', updatedAt: 2000 }), history: [] }),
      'tasks.refuse': () => {
        throw new RpcError(-32000, '指令「疏散北京路低洼点群众」当前为“已完成”，不能拒绝');
      },
    });
    await holdOpen(fake, s);
    await host.get(appSlice).commands.setActor('per_officer01');
    await s.commands.acknowledgeTask('tsk_a0001', '收到');
    expect(fake.calls.find((c) => c.method === 'tasks.acknowledge')?.params).toEqual({ id: 'tsk_a0001', note: '收到', by: 'per_officer01' });
    expect(s.store.getState().tasks[0].state).toBe('received');
    expect(await s.commands.refuseTask('tsk_a0001', '人手不足')).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'refuseTask', message: expect.stringMatching(/^指令/) });
  });
});
