// The console's consultation slice: its two sockets made from this centre's configuration (and
// made again when the links change), what they bring, and start / end / control as commands.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CentreInfo } from '@contract/schemas';
import { aConsultation } from '../../test-kit/consultation';
import { fakeClient } from '../../test-kit/fake-client';
import { FakeSocket } from '../../test-kit/fake-socket';
import { SliceHost } from '../slice';
import { consultSlice } from './consult-slice';

const CID = 'cs_abcdefgh';
const district = (hubA: string, hubB: string): CentreInfo => ({
  name: '越秀区应急指挥中心',
  nameEn: 'Yuexiu',
  level: 'district',
  links: [
    { id: 'A', name: '政务外网', hubUrl: hubA },
    { id: 'B', name: '专网', hubUrl: hubB },
  ],
});
const consultation = (rev: number, endedAt: number | null = null) =>
  aConsultation({ id: CID, rev, endedAt, participants: [{ id: 'liuhua', name: '流花街', joinedAt: null, leftAt: null }] });

beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:4310', search: '?token=t' } });
});
afterEach(() => vi.unstubAllGlobals());

async function held(centre: CentreInfo) {
  const fake = fakeClient({ 'centre.get': () => centre });
  const host = new SliceHost(fake.client, () => 1_700_000_000_000);
  const s = host.get(consultSlice);
  const release = s.hold();
  fake.status('open');
  await vi.waitFor(() => expect(s.store.getState().config).not.toBeNull());
  return { fake, s, release };
}

describe('consultSlice', () => {
  it('opens one socket per link from the centre, and follows what they bring', async () => {
    const { s, release } = await held(district('10.231.1.1:4310', '10.231.2.1:4310'));
    expect(FakeSocket.all.map((x) => x.url)).toEqual(['ws://10.231.1.1:4310/rpc', 'ws://10.231.2.1:4310/rpc']);
    const [a, b] = FakeSocket.all;
    a.open();
    b.open();
    expect(s.store.getState().sockets).toEqual({ A: 'open', B: 'open' });
    // Opening asks for the list on one link.
    const list = a.sent.find((m) => m.method === 'consult.list') ?? b.sent.find((m) => m.method === 'consult.list');
    expect(list?.params).toEqual({ limit: 10 });
    b.notify('consult.changed', consultation(2));
    a.notify('consult.changed', consultation(2));
    expect(s.store.getState().current?.rev).toBe(2);
    a.notify('consult.changed', consultation(3, 99));
    expect(s.store.getState().current).toBeNull();
    expect(s.store.getState().recent.map((c) => c.endedAt)).toEqual([99]);
    release();
    expect(FakeSocket.all.every((x) => x.closed)).toBe(true);
    expect(s.store.getState().config).toBeNull();
  });

  it('keeps the running consultation while the page’s own socket is down (a hub restart)', async () => {
    // The slice's field was named `live`, as every slice's own "data is current" flag: the page's
    // socket dropping set it to false, and after a hub restart the console showed no consultation
    // while one ran (starting another was refused: "still live"). Found in tests/net/failover.test.ts.
    const { fake, s, release } = await held(district('10.231.1.1:4310', '10.231.2.1:4310'));
    const [a] = FakeSocket.all;
    a.open();
    a.notify('consult.changed', consultation(2));
    expect(s.store.getState().current?.id).toBe(CID);
    fake.status('connecting');
    fake.status('open');
    fake.status('connecting');
    expect(s.store.getState().current?.id).toBe(CID);
    release();
  });

  it('connects again when the centre’s links change, not on another edit', async () => {
    const { fake, s, release } = await held(district('10.231.1.1:4310', '10.231.2.1:4310'));
    expect(FakeSocket.all).toHaveLength(2);
    fake.emit('centre.changed', { ...district('10.231.1.1:4310', '10.231.2.1:4310'), nameEn: 'Yuexiu District' });
    expect(FakeSocket.all).toHaveLength(2);
    fake.emit('centre.changed', district('10.231.1.9:4310', '10.231.2.1:4310'));
    expect(FakeSocket.all).toHaveLength(4);
    expect(FakeSocket.all[0].closed && FakeSocket.all[1].closed).toBe(true);
    expect(FakeSocket.all[2].url).toBe('ws://10.231.1.9:4310/rpc');
    expect(s.store.getState().sockets).toEqual({ A: 'connecting', B: 'connecting' });
    release();
  });

  it('names the configuration problem and opens nothing', async () => {
    const { s, release } = await held({ name: '某某中心', nameEn: '', level: 'street', links: [] });
    expect(s.store.getState().config).toBe('no-participant');
    expect(FakeSocket.all).toHaveLength(0);
    release();
  });

  it('ends and steers through the hub; a refusal is the slice’s error', async () => {
    const { s, release } = await held(district('10.231.1.1:4310', '10.231.2.1:4310'));
    const [a, b] = FakeSocket.all;
    a.open();
    b.open();
    const sent = s.commands.control(CID, 'liuhua', { cmd: 'mute', on: true });
    const control = a.sent.find((m) => m.method === 'consult.control')!;
    expect(control.params).toMatchObject({ consultationId: CID, to: 'liuhua', command: { cmd: 'mute', on: true } });
    expect(b.sent.some((m) => m.method === 'consult.control')).toBe(true);
    a.reply(control.id, { delivered: 0, duplicate: false });
    await expect(sent).resolves.toEqual({ delivered: 0, duplicate: false });

    const ended = s.commands.end(CID, '值班员');
    const end = [...a.sent, ...b.sent].find((m) => m.method === 'consult.end')!;
    const socket = a.sent.includes(end) ? a : b;
    socket.receive({ jsonrpc: '2.0', id: end.id, error: { code: -32602, message: 'params.endedBy: too short' } });
    await expect(ended).resolves.toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'end', message: 'params.endedBy: too short' });
    release();
  });
});
