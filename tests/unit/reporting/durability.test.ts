// A submitted version (首报 with its figures), acknowledged by a hub, survives SIGKILL of that hub
// right after the acknowledgement, with its entry in the report's history and on the response's
// timeline: the hub runs in a child process with the demo set, the call goes over its WebSocket,
// and the store is reopened from the same data directory once the child is dead.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { startDemoHubChild } from '../../support/demo-hub';
import { connect } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';

const TOKEN = 'reporting-durability-token-0123456789';
const tmp = tempDir('cw-reporting-kill-');
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  tmp.remove();
});

describe('a report version and SIGKILL', () => {
  it('keeps the 首报 and its timeline entries when the hub is killed -9 right after acknowledging it', async () => {
    const dataDir = join(tmp.dir, 'data');
    const started = await startDemoHubChild(dataDir, TOKEN);
    child = started.child;
    const socket = await connect(`ws://127.0.0.1:${started.port}/rpc?token=${TOKEN}`);
    const people = (await socket.call('duty.listPeople', {})).result as { id: string; role: string }[];
    const officer = people.find((p) => p.role === 'officer')!;
    const [response] = (await socket.call('plans.listResponses', {})).result as { id: string }[];
    const detail = (await socket.call('plans.getResponse', { id: response.id })).result as { reportIds: string[] };
    const reportId = detail.reportIds[0];
    expect(reportId).toBeTruthy();
    const figures = { deaths: 0, injured: 3, missing: 0, trapped: 5, evacuated: 321, resettled: 87, households: 42, lossWan: 66.6 };

    const exited = new Promise<NodeJS.Signals | null>((r) => child!.once('exit', (_code, signal) => r(signal)));
    const submitted = await socket.call('reporting.submit', { reportId, filing: { kind: 'first', figures, signer: '带班领导' }, by: officer.id });
    child.kill('SIGKILL'); // no grace: nothing after the acknowledgement gets a chance to run
    expect(submitted.error).toBeUndefined();
    expect(await exited).toBe('SIGKILL');
    socket.close();

    const core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      const ctx = { transport: 'local', peer: 'test' } as const;
      const after = (await core.dispatch('reporting.get', { reportId }, ctx)) as any;
      expect(after.versions.map((v: any) => [v.kind, v.figures])).toEqual([['first', figures]]);
      const history = ((await core.dispatch('duty.getReport', { id: reportId }, ctx)) as any).history;
      expect(history.at(-1)).toMatchObject({ kind: 'filed', note: expect.stringContaining('转移疏散321人') });
      const timeline = ((await core.dispatch('plans.getResponse', { id: response.id }, ctx)) as any).timeline;
      expect(timeline.at(-1)).toMatchObject({ kind: 'note', text: expect.stringContaining('信息报送·首报') });
    } finally {
      await core.close();
    }
  });
});
