// A submitted version (首报 with its figures), acknowledged by a hub, survives SIGKILL of that hub
// right after the acknowledgement, with its entry in the report's history and on the response's
// timeline: the hub runs in a child process with the demo set, the call goes over its WebSocket,
// and the store is reopened from the same data directory once the child is dead.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { killableDemoHub } from '../../support/killable-demo-hub';

const hub = killableDemoHub('cw-reporting-kill-', 'reporting-durability-token-0123456789');

describe('a report version and SIGKILL', () => {
  it('keeps the 首报 and its timeline entries when the hub is killed -9 right after acknowledging it', async () => {
    const { socket, dataDir, people, kill } = await hub.start();
    const officer = people.find((p) => p.role === 'officer')!;
    const [response] = (await socket.call('plans.listResponses', {})).result as { id: string }[];
    const detail = (await socket.call('plans.getResponse', { id: response.id })).result as { reportIds: string[] };
    const reportId = detail.reportIds[0];
    expect(reportId).toBeTruthy();
    const figures = { deaths: 0, injured: 3, missing: 0, trapped: 5, evacuated: 321, resettled: 87, households: 42, lossWan: 66.6 };

    const submitted = await socket.call('reporting.submit', { reportId, filing: { kind: 'first', figures, signer: '带班领导' }, by: officer.id });
    const killed = kill(); // no grace: nothing after the acknowledgement gets a chance to run
    expect(submitted.error).toBeUndefined();
    expect(await killed).toBe('SIGKILL');

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
