// An issued task and its acknowledgement, each acknowledged by a hub, survive SIGKILL of that hub
// right after the acknowledgement: the hub runs in a child process (the plans' durability child,
// with the demo set), both calls go over its WebSocket, and the store is reopened from the same
// data directory once the child is dead.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { killableDemoHub } from '../../support/killable-demo-hub';

const hub = killableDemoHub('cw-tasks-kill-', 'tasks-durability-token-0123456789');

describe('a task and SIGKILL', () => {
  it('keeps the issued task and its acknowledgement when the hub is killed -9 right after acknowledging', async () => {
    const { socket, dataDir, people, kill } = await hub.start();
    const leader = people.find((p) => p.role === 'leader')!;
    const officer = people.find((p) => p.role === 'officer')!;
    const [response] = (await socket.call('plans.listResponses', {})).result;

    const issued = await socket.call('tasks.issue', {
      task: {
        title: '转移北京路低洼点群众',
        content: '组织转移至街道办',
        addressee: { kind: 'street', name: '北京街' },
        deadline: Date.now() + 3600_000,
        source: { responseId: response.id },
      },
      by: leader.id,
    });
    expect(issued.error).toBeUndefined();
    const ack = await socket.call('tasks.acknowledge', { id: issued.result.id, by: officer.id, note: '收到（kill 测试）' });
    const killed = kill(); // no grace: nothing after the ack gets a chance to run
    expect(ack.error).toBeUndefined();
    expect(await killed).toBe('SIGKILL');

    const core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      const ctx = { transport: 'local', peer: 'test' } as const;
      const after = (await core.dispatch('tasks.get', { id: issued.result.id }, ctx)) as any;
      expect(after).toMatchObject({ state: 'received', source: { responseId: response.id } });
      expect(after.history.map((e: { to: string; text: string }) => [e.to, e.text])).toEqual([
        ['issued', expect.any(String)],
        ['received', '收到（kill 测试）'],
      ]);
      const timeline = ((await core.dispatch('plans.getResponse', { id: response.id }, ctx)) as any).timeline;
      expect(timeline.at(-1)).toMatchObject({ kind: 'note', text: '指令「转移北京路低洼点群众」（北京街）已下达→已接收：收到（kill 测试）' });
    } finally {
      await core.close();
    }
  });
});
