// A checklist tick acknowledged by a hub survives SIGKILL of that hub right after the ack: the
// hub runs in a child process (node --import tsx), the tick goes over its WebSocket, and the
// store is reopened from the same data directory once the child is dead.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { killableDemoHub } from '../../support/killable-demo-hub';

const hub = killableDemoHub('cw-plans-kill-', 'durability-token-0123456789');

describe('a checklist tick and SIGKILL', () => {
  it('survives the hub being killed -9 right after it acknowledged the tick', async () => {
    const { socket, dataDir, people, kill } = await hub.start();
    const [response] = (await socket.call('plans.listResponses', {})).result;
    const pending = response.actions.find((a: { status: string }) => a.status === 'pending');
    const officer = people.find((p) => p.role === 'officer')!;
    expect(pending).toBeDefined();

    const ack = await socket.call('plans.updateAction', {
      responseId: response.id,
      actionId: pending.id,
      status: 'done',
      note: '已落实（kill 测试）',
      by: officer.id,
    });
    const killed = kill(); // no grace: nothing after the ack gets a chance to run
    expect(ack.error).toBeUndefined();
    expect(ack.result.actions.find((a: { id: string }) => a.id === pending.id).status).toBe('done');
    expect(await killed).toBe('SIGKILL');

    const core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      const after = (await core.dispatch('plans.getResponse', { id: response.id }, { transport: 'local', peer: 'test' })) as any;
      expect(after.actions.find((a: { id: string }) => a.id === pending.id)).toMatchObject({
        status: 'done',
        note: '已落实（kill 测试）',
        updatedBy: { id: officer.id },
      });
      expect(after.timeline.at(-1)).toMatchObject({ kind: 'action', actionId: pending.id, to: 'done' });
    } finally {
      await core.close();
    }
  });
});
