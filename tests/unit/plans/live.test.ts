// What the wall sees: a second client on the hub gets every change of the officer's console as a
// pushed notification (the e2e test will do the same through the UI). Measures the delay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { openHarness, quiet, staff, T0, type Harness } from '../duty/harness';
import { sanfang } from './fixtures';

const TOKEN = 'live-token-0123456789';
let h: Harness;
let hub: Hub;
let consoleSocket: TestSocket;
let wall: TestSocket;
let ids: Record<string, string>;

beforeAll(async () => {
  h = await openHarness();
  ids = await staff(h);
  hub = await startHub({ core: h.core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: quiet });
  consoleSocket = await connect(`ws://127.0.0.1:${hub.port}/rpc?token=${TOKEN}`);
  wall = await connect(`ws://127.0.0.1:${hub.port}/rpc?token=${TOKEN}`);
});

afterAll(async () => {
  consoleSocket?.close();
  wall?.close();
  await hub?.close();
  await h?.close();
});

/** Calls on the console and times the matching notification on the wall. */
async function pushed(event: string, method: string, params: unknown): Promise<{ result: any; payload: any; ms: number }> {
  const t = performance.now();
  const note = wall.nextNotification(event, 1000);
  const res = await consoleSocket.call(method, params);
  expect(res.error).toBeUndefined();
  const payload = await note;
  return { result: res.result, payload, ms: performance.now() - t };
}

describe('live updates to a second client', () => {
  it('a report, its escalation, checklist ticks and a handover each reach the wall within a second', async () => {
    const planId = (await consoleSocket.call('plans.save', { plan: sanfang(), by: ids['李明'] })).result.id;
    const timings: Record<string, number> = {};

    const rec = await pushed('duty.logChanged', 'duty.recordReport', {
      report: { receivedAt: T0, source: 'street', category: 'flood', street: '北京街', location: '北京路', summary: '路段积水', severity: 'high' },
      by: ids['周杰'],
    });
    expect(rec.payload).toMatchObject({ change: 'recorded', report: { id: rec.result.id, status: 'new' }, openCounts: { new: 1 } });
    timings.record = rec.ms;

    const act = await pushed('plans.responseChanged', 'plans.activate', { planId, level: 'III', by: ids['陈志强'], reportId: rec.result.id });
    expect(act.payload).toMatchObject({ change: 'activated', response: { id: act.result.id, progress: { total: 2, done: 0 } } });
    expect(await wall.nextNotification('duty.logChanged', 1000)).toMatchObject({ change: 'escalated', report: { status: 'handling' } });
    timings.escalate = act.ms;

    for (const [i, a] of act.result.actions.entries()) {
      const tick = await pushed('plans.responseChanged', 'plans.updateAction', { responseId: act.result.id, actionId: a.id, status: 'done', by: ids['周杰'] });
      expect(tick.payload.response.progress.done).toBe(i + 1);
      timings[`tick${i + 1}`] = tick.ms;
    }

    const ho = await pushed('duty.handoverChanged', 'duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'], notes: '交班' });
    const ok = await pushed('duty.handoverChanged', 'duty.confirmHandover', { id: ho.result.id, by: ids['吴婷'] });
    expect(ok.payload.handover.status).toBe('confirmed');
    timings.handover = ho.ms;
    timings.confirm = ok.ms;

    for (const [k, ms] of Object.entries(timings)) expect(ms, k).toBeLessThan(1000);
    console.info(
      `[live] call-to-notification on the second client, ms: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')}`,
    );
  });
});
