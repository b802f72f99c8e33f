// A checklist tick acknowledged by a hub survives SIGKILL of that hub right after the ack: the
// hub runs in a child process (node --import tsx), the tick goes over its WebSocket, and the
// store is reopened from the same data directory once the child is dead.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { connect } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';
import { quiet } from '../duty/harness';
import { startDemoHubChild } from '../../support/demo-hub';

const TOKEN = 'durability-token-0123456789';
const tmp = tempDir('cw-plans-kill-');
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  tmp.remove();
});

describe('a checklist tick and SIGKILL', () => {
  it('survives the hub being killed -9 right after it acknowledged the tick', async () => {
    const dataDir = join(tmp.dir, 'data');
    const started = await startDemoHubChild(dataDir, TOKEN);
    child = started.child;
    const socket = await connect(`ws://127.0.0.1:${started.port}/rpc?token=${TOKEN}`);
    const [response] = (await socket.call('plans.listResponses', {})).result;
    const pending = response.actions.find((a: { status: string }) => a.status === 'pending');
    const officer = (await socket.call('duty.listPeople', {})).result.find((p: { role: string }) => p.role === 'officer');
    expect(pending).toBeDefined();

    const exited = new Promise<NodeJS.Signals | null>((r) => child!.once('exit', (_code, signal) => r(signal)));
    const ack = await socket.call('plans.updateAction', {
      responseId: response.id,
      actionId: pending.id,
      status: 'done',
      note: '已落实（kill 测试）',
      by: officer.id,
    });
    child.kill('SIGKILL'); // no grace: nothing after the ack gets a chance to run
    expect(ack.error).toBeUndefined();
    expect(ack.result.actions.find((a: { id: string }) => a.id === pending.id).status).toBe('done');
    expect(await exited).toBe('SIGKILL');
    socket.close();

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
