// The plans slice with a scripted client: it loads on open, applies pushes (a closed response
// leaves, the library bumps its version), replays pushes that overtake a read, signs commands
// with the acting person and folds their replies in, and refusals reach its error.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { plansSlice, type PlansRead } from './plans-slice';
import { kpis, response } from './test-fixtures';

const NOW = 50_000;

function server(extra: Replies = {}): Replies {
  return {
    'plans.listResponses': () => [],
    'plans.getKpis': () => kpis(),
    ...extra,
  };
}

const setup = (extra: Replies = {}) => sliceOnFake(plansSlice, server(extra), () => NOW);

describe('plans slice', () => {
  it('loads when held and the link is open, and stops listening on release', async () => {
    const { fake, s } = setup({ 'plans.listResponses': () => [response('rsp_a0001', 1000, [])] });
    const release = s.hold();
    expect(fake.calls).toHaveLength(0); // not open yet
    fake.status('open');
    await tick();
    const st = s.store.getState();
    expect(st.loaded).toBe(true);
    expect(st.responses.map((r) => r.id)).toEqual(['rsp_a0001']);
    expect(st.kpis?.revision.rate).toBe(0.5);
    expect(st.libraryVersion).toBe(1);
    expect(fake.calls.find((c) => c.method === 'plans.listResponses')?.params).toEqual({ status: 'active' });
    expectListeningWhileHeld(fake, s, release);
  });

  it('applies pushes: closed responses leave, KPIs update and the library version moves', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    const r = response('rsp_a0001', 1000, []);
    fake.emit('plans.responseChanged', { change: 'activated', response: r, entry: null });
    expect(s.store.getState().responses).toHaveLength(1);
    fake.emit('plans.responseChanged', { change: 'closed', response: { ...r, status: 'closed', closedAt: 2000 }, entry: null });
    expect(s.store.getState().responses).toHaveLength(0);
    const before = s.store.getState().libraryVersion;
    fake.emit('plans.libraryChanged', { change: 'drill', planId: null, drillId: null, kpis: kpis(1) });
    expect(s.store.getState().kpis?.revision.rate).toBe(1);
    expect(s.store.getState().libraryVersion).toBe(before + 1);
  });

  it('reads everything again after a bulk change of the log (the demo set)', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    fake.reply('plans.listResponses', () => [response('rsp_demo0001', 1000, [], { demo: true })]);
    fake.emit('duty.logChanged', { change: 'demo', report: null, openCounts: { new: 0, verifying: 0, handling: 0 } });
    await tick();
    expect(s.store.getState().responses.map((r) => r.id)).toEqual(['rsp_demo0001']);
  });

  it('replays a push that arrives while a read is under way onto the read’s older reply', async () => {
    let answer: (v: ReturnType<typeof response>[]) => void = () => undefined;
    const { fake, s } = setup({ 'plans.listResponses': () => new Promise((r) => (answer = r)) });
    await holdOpen(fake, s);
    const r = response('rsp_a0001', 1000, []);
    // Closed after the server listed it, but the push overtakes the reply.
    fake.emit('plans.responseChanged', { change: 'closed', response: { ...r, status: 'closed', closedAt: 2000 }, entry: null });
    answer([r]);
    await tick();
    await tick();
    expect(s.store.getState().responses).toHaveLength(0);
  });

  it('signs every command with the acting person and folds the reply in at once', async () => {
    const started = { ...response('rsp_mine0001', 5000, []), timeline: [] };
    const { fake, host, s } = setup({ 'plans.activate': () => started });
    void host.get(appSlice).commands.setActor('per_test0009');
    expect(await s.commands.activatePlan('pln_test0001', 'IV', 'note')).toEqual(started);
    expect(fake.calls.at(-1)).toEqual({ method: 'plans.activate', params: { planId: 'pln_test0001', level: 'IV', note: 'note', by: 'per_test0009' } });
    expect(s.store.getState().responses.map((r) => r.id)).toEqual(['rsp_mine0001']);
    expect(await s.commands.escalateReport('rep_a0001', 'pln_test0001', 'III', '')).toEqual(started);
    expect(fake.calls.at(-1)?.params).toMatchObject({ reportId: 'rep_a0001', level: 'III', by: 'per_test0009' });
    expect(s.store.getState().error).toBeNull();
    void host.get(appSlice).commands.setActor(null);
  });

  it('shows a refusal under the command’s name and resolves null', async () => {
    const { fake, s } = setup({
      'plans.close': () => {
        throw new RpcError(-32602, 'params.by: required');
      },
    });
    expect(await s.commands.closeResponse('rsp_a0001', 'done')).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'closeResponse', message: 'params.by: required', code: -32602, at: NOW });
    expect(fake.calls.at(-1)?.params).toEqual({ responseId: 'rsp_a0001', summary: 'done', by: '' });
  });

  it('answers one-off reads, typed by method', async () => {
    const { s } = setup({ 'plans.listDrills': () => [] });
    const read = s.commands.read as PlansRead;
    expect(await read('plans.listDrills', {})).toEqual([]);
    expect(await read('plans.get', { id: 'pln_none0001' })).toBeNull();
    expect(s.store.getState().error?.command).toBe('read');
  });
});
