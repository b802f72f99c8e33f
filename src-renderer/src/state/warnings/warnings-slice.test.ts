// The warnings slice: the 三防 response level the wall shows (the most severe active 三防
// response), the alarm the header sounds on, reads on every (re)open, and refused commands.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { Response } from '@contract/plans';
import type { FeedStatus, Warning, WarningHistoryEntry, WarningsState } from '@contract/warnings';
import { fakeClient } from '../../test-kit/fake-client';
import { person, response as planResponse } from '../plans/test-fixtures';
import { SliceHost } from '../slice';
import { nextAlarm, sanfangLevel, upsertResponse } from './warnings-merge';
import { HISTORY_SHOWN, warningsSlice } from './warnings-slice';

const resp = (id: string, category: string, level: string, status = 'active', activatedAt = 0) =>
  ({ id, category, level, status, activatedAt, planTitle: `plan ${id}` }) as never;

describe('the 三防 level', () => {
  it('is the most severe active 三防 response, or none', () => {
    expect(sanfangLevel([])).toBeNull();
    expect(sanfangLevel([resp('a', 'fire', 'I')])).toBeNull();
    expect(sanfangLevel([resp('a', 'sanfang', 'IV'), resp('b', 'sanfang', 'II'), resp('c', 'sanfang', 'I', 'closed')])).toMatchObject({
      level: 'II',
      responseId: 'b',
    });
  });

  it('follows a pushed response in place of its older copy', () => {
    const older = [resp('a', 'sanfang', 'IV'), resp('b', 'sanfang', 'II')];
    const list = upsertResponse(older, resp('b', 'sanfang', 'II', 'closed'));
    expect(list.map((r: Response) => r.id)).toEqual(['b', 'a']);
    expect(sanfangLevel(list)).toMatchObject({ level: 'IV', responseId: 'a' });
  });
});

describe('the alarm', () => {
  const change = (warningId: string, c: 'issued' | 'raised' | 'lowered' | 'cancelled', level: Warning['level']) => ({
    warningId,
    change: c,
    level,
    type: 'rainstorm' as const,
  });

  it('counts up on an issued or raised warning, naming the most severe; lowering and lifting are quiet', () => {
    const first = nextAlarm(null, [change('wrn_aaaa', 'issued', 'yellow'), change('wrn_bbbb', 'raised', 'red')]);
    expect(first).toEqual({ seq: 1, level: 'red', change: 'raised', warningId: 'wrn_bbbb' });
    expect(nextAlarm(first, [change('wrn_bbbb', 'lowered', 'orange'), change('wrn_aaaa', 'cancelled', 'yellow')])).toBe(first);
    expect(nextAlarm(first, [change('wrn_cccc', 'issued', 'blue')])).toMatchObject({ seq: 2, level: 'blue' });
  });
});

// ---- the slice on a fake link -----------------------------------------------------------

const feed: FeedStatus = { config: null, lastPollAt: null, lastOk: null, lastError: null, applied: 0 };

const warning = (id: string, level: Warning['level'], at = 1000): Warning => ({
  id,
  type: 'rainstorm',
  level,
  event: '暴雨预警信号',
  headline: `暴雨${level}预警`,
  description: '',
  instruction: '',
  area: '越秀区',
  sender: '广州市气象台',
  capIdentifier: `cap-${id}-${at}`,
  sentAt: at,
  expiresAt: null,
  status: 'active',
  issuedAt: at,
  updatedAt: at,
  endedAt: null,
  source: 'file',
});

const warningsState = (active: Warning[], asOf = 1000): WarningsState => ({ active, feed, asOf });

const entry = (seq: number): WarningHistoryEntry => ({
  seq,
  at: 1000 + seq,
  warningId: 'wrn_aaaa',
  type: 'rainstorm',
  change: 'issued',
  fromLevel: null,
  toLevel: 'yellow',
  headline: '暴雨黄色预警',
  capIdentifier: `cap-${seq}`,
  via: 'file',
  peer: 'local',
});

const response = (id: string, level: Response['level'], status: Response['status'] = 'active'): Response => {
  const closed = status === 'closed';
  return planResponse(id, 500, [], { level, status, closedAt: closed ? 900 : null, closedBy: closed ? person : null, asOf: 900 });
};

const tick = () => new Promise((r) => setTimeout(r, 0));

function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

function serverTable(active: Warning[] = [warning('wrn_aaaa', 'yellow')]) {
  return {
    'warnings.get': () => warningsState(active),
    'warnings.listHistory': () => [entry(2), entry(1)],
    'plans.listResponses': () => [response('rsp_0001', 'III')],
  };
}

describe('the warnings slice', () => {
  it('reads warnings, history and the 三防 level when held on an open link, and again after a reconnect', async () => {
    const fake = fakeClient(serverTable());
    const slice = new SliceHost(fake.client, () => 5000).get(warningsSlice);
    const release = slice.hold();
    fake.status('open');
    await tick();
    expect(slice.store.getState()).toMatchObject({
      loaded: true,
      state: { active: [{ id: 'wrn_aaaa' }] },
      history: [{ seq: 2 }, { seq: 1 }],
      sanfang: { level: 'III', responseId: 'rsp_0001' },
      alarm: null,
    });
    expect(fake.calls.find((c) => c.method === 'warnings.listHistory')?.params).toEqual({ limit: HISTORY_SHOWN });

    fake.reply('warnings.get', () => warningsState([], 2000));
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(fake.calls.filter((c) => c.method === 'warnings.get')).toHaveLength(2);
    expect(slice.store.getState().state?.active).toEqual([]);
    release();
    expect(fake.listenerCount()).toBe(0);
  });

  it('sounds once per pushed issued or raised warning, and reads the history again', async () => {
    const fake = fakeClient(serverTable(), { status: 'open' });
    const slice = new SliceHost(fake.client).get(warningsSlice);
    slice.hold();
    await tick();
    const before = fake.calls.filter((c) => c.method === 'warnings.listHistory').length;
    fake.emit('warnings.changed', {
      changes: [{ warningId: 'wrn_aaaa', change: 'raised', level: 'red', type: 'rainstorm' }],
      state: warningsState([warning('wrn_aaaa', 'red', 2000)], 2000),
    });
    await tick();
    expect(slice.store.getState()).toMatchObject({ alarm: { seq: 1, level: 'red', change: 'raised' }, state: { active: [{ level: 'red' }] } });
    expect(fake.calls.filter((c) => c.method === 'warnings.listHistory')).toHaveLength(before + 1);
    fake.emit('warnings.changed', {
      changes: [{ warningId: 'wrn_aaaa', change: 'lowered', level: 'orange', type: 'rainstorm' }],
      state: warningsState([warning('wrn_aaaa', 'orange', 3000)], 3000),
    });
    expect(slice.store.getState().alarm?.seq).toBe(1);
  });

  it('replays a change heard during a load onto its reply without sounding twice', async () => {
    const g = gate();
    const fake = fakeClient({ ...serverTable(), 'warnings.get': async () => (await g.wait, warningsState([], 1000)) }, { status: 'open' });
    const slice = new SliceHost(fake.client).get(warningsSlice);
    slice.hold();
    fake.emit('warnings.changed', {
      changes: [{ warningId: 'wrn_bbbb', change: 'issued', level: 'orange', type: 'rainstorm' }],
      state: warningsState([warning('wrn_bbbb', 'orange', 2000)], 2000),
    });
    g.open();
    await tick();
    await tick();
    expect(slice.store.getState().state?.active.map((w) => w.id)).toEqual(['wrn_bbbb']);
    expect(slice.store.getState().alarm).toMatchObject({ seq: 1, level: 'orange' });
  });

  it('follows pushed 三防 responses', async () => {
    const fake = fakeClient(serverTable(), { status: 'open' });
    const slice = new SliceHost(fake.client).get(warningsSlice);
    slice.hold();
    await tick();
    fake.emit('plans.responseChanged', { change: 'level', response: response('rsp_0001', 'I'), entry: null });
    expect(slice.store.getState().sanfang).toMatchObject({ level: 'I' });
    fake.emit('plans.responseChanged', { change: 'closed', response: response('rsp_0001', 'I', 'closed'), entry: null });
    expect(slice.store.getState().sanfang).toBeNull();
  });

  it('shows a refused cancel under its name, and clears it when a cancel succeeds', async () => {
    const fake = fakeClient(
      {
        ...serverTable(),
        'warnings.cancel': ({ reason }) => (reason.length < 2 ? Promise.reject(new RpcError(-32602, 'params.reason: give a reason')) : warningsState([], 3000)),
      },
      { status: 'open' },
    );
    const slice = new SliceHost(fake.client, () => 7000).get(warningsSlice);
    slice.hold();
    await tick();
    expect(await slice.commands.cancel('wrn_aaaa', '')).toBeNull();
    expect(slice.store.getState().error).toMatchObject({ command: 'cancel', message: 'params.reason: give a reason', code: -32602, at: 7000 });
    expect(slice.store.getState().state?.active).toHaveLength(1);
    expect(await slice.commands.cancel('wrn_aaaa', '解除')).toMatchObject({ active: [] });
    expect(slice.store.getState()).toMatchObject({ error: null, state: { active: [] } });
  });

  it('imports a CAP file, returning its outcomes; the feed commands update the feed shown', async () => {
    const polled: FeedStatus = { ...feed, config: { url: 'http://10.0.0.1/cap', intervalSeconds: 60, enabled: true }, lastPollAt: 4000, lastOk: true };
    const fake = fakeClient(
      {
        ...serverTable(),
        'warnings.importCap': () => ({
          outcomes: [{ identifier: 'cap-1', outcome: 'issued', warningId: 'wrn_cccc', type: 'rainstorm', level: 'blue' }],
          state: warningsState([warning('wrn_cccc', 'blue', 3000)], 3000),
        }),
        'warnings.pollNow': () => polled,
      },
      { status: 'open' },
    );
    const slice = new SliceHost(fake.client).get(warningsSlice);
    slice.hold();
    await tick();
    const r = await slice.commands.importCap('<alert/>', 'a.xml');
    expect(r?.outcomes).toHaveLength(1);
    expect(fake.calls.at(-1)).toEqual({ method: 'warnings.importCap', params: { xml: '<alert/>', fileName: 'a.xml' } });
    expect(slice.store.getState().state?.active.map((w) => w.id)).toEqual(['wrn_cccc']);
    expect(await slice.commands.pollNow()).toEqual(polled);
    expect(slice.store.getState().state?.feed).toEqual(polled);
  });
});
