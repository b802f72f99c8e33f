// Consultation records and signalling through the real hub, over real sockets: two sockets per
// participant (one per link), relaying to the target only, repeats dropped, presence per link.
// The district's sockets hold the bootstrap token; a street's are its enrolled machine's (a street
// may not join with the token: tests/support/enrol-street.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCore, type Core } from '../../../src-main/core/app';
import { RpcCode, type RpcError } from '@contract/errors';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { enrolStreet } from '../../support/enrol-street';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';

const TOKEN = 'consult-token-0123456789';
const tmp = tempDir('cw-consult-');
let core: Core;
let hub: Hub;
let url: string;
const sockets: TestSocket[] = [];

/** Every notification a socket receives, by method (the socket helper's waiters do not time out cleanly). */
const heard = new Map<TestSocket, { method: string; params: any }[]>();

/** A socket on the hub: the district's (the bootstrap token), or a street machine's (its credential's /rpc address). */
async function socket(rpcUrl = `${url}?token=${TOKEN}`): Promise<TestSocket> {
  const s = await connect(rpcUrl);
  const log: { method: string; params: any }[] = [];
  s.ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m && m.method && m.id === undefined) log.push({ method: m.method, params: m.params });
  });
  heard.set(s, log);
  sockets.push(s);
  return s;
}

/** Takes the notifications of this name heard so far, after a moment for any in flight. */
async function drain(s: TestSocket, method: string, settleMs = 150): Promise<any[]> {
  await new Promise((r) => setTimeout(r, settleMs));
  const log = heard.get(s)!;
  const out = log.filter((n) => n.method === method).map((n) => n.params);
  const rest = log.filter((n) => n.method !== method);
  log.splice(0, log.length, ...rest);
  return out;
}

async function until<T>(fn: () => T | undefined, ms = 2000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub', log: { info() {}, warn() {}, error() {} } });
  hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: { info() {}, warn() {}, error() {} } });
  url = `ws://127.0.0.1:${hub.port}/rpc`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await hub?.close();
  await core?.close();
  tmp.remove();
});

describe('consultation records', () => {
  it('refuses a consultation that lists the host, a participant twice, or too many sites', async () => {
    const base = { topic: '防汛会商', startedBy: '张值班' };
    const refusal = (p: Promise<unknown>): Promise<RpcError> =>
      p.then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: RpcError) => e,
      );
    const host = await refusal(core.dispatch('consult.start', { ...base, participants: [{ id: 'district', name: '区' }] }, { transport: 'local', peer: 't' }));
    expect(host.code).toBe(RpcCode.Refused);
    expect(host.message).toMatch(/hosts every consultation/);
    const twice = await refusal(
      core.dispatch(
        'consult.start',
        {
          ...base,
          participants: [
            { id: 'liuhua', name: '流花街' },
            { id: 'liuhua', name: '流花街' },
          ],
        },
        { transport: 'local', peer: 't' },
      ),
    );
    expect(twice.message).toMatch(/liuhua is listed twice/);
    const many = Array.from({ length: 6 }, (_, i) => ({ id: ['liuhua', 'beijing', 'hongqiao', 'liurong', 'guangta', 'renmin'][i], name: 'x' }));
    const tooMany = await refusal(core.dispatch('consult.start', { ...base, participants: many }, { transport: 'local', peer: 't' }));
    expect(tooMany.code).toBe(RpcCode.InvalidParams);
    expect(tooMany.message).toMatch(/at most 6 sites/);
  });
});

describe('signalling over two sockets per participant', () => {
  let cid: string;
  let dA: TestSocket, dB: TestSocket, sA: TestSocket, sB: TestSocket, other: TestSocket;

  it('starts a consultation and refuses a second while it is live', async () => {
    const start = await (
      await socket()
    ).call('consult.start', {
      topic: '越秀区防汛视频会商',
      startedBy: '张值班',
      participants: [
        { id: 'liuhua', name: '流花街' },
        { id: 'beijing', name: '北京街' },
      ],
      dutyEntryId: 'rep_abcd1234',
    });
    expect(start.error).toBeUndefined();
    const c = start.result;
    cid = c.id;
    expect(c).toMatchObject({ host: 'district', mode: 'dual', endedAt: null, dutyEntryId: 'rep_abcd1234', planResponseId: null });
    expect(c.participants.map((p: { id: string }) => p.id)).toEqual(['district', 'liuhua', 'beijing']);
    const again = await sockets[0].call('consult.start', { topic: 'x', startedBy: 'y', participants: [{ id: 'renmin', name: '人民街' }] });
    expect(again.error?.message).toMatch(/still live/);
  });

  it('joins each socket as its link, and presence lists both links', async () => {
    // 流花街's machine opens one socket per link with its credential; 人民街's is not invited.
    const [liuhua, renmin] = [await enrolStreet(url, 'liuhua', { token: TOKEN }), await enrolStreet(url, 'renmin', { token: TOKEN })];
    let notInvitedStreet: TestSocket;
    [dA, dB, sA, sB, other, notInvitedStreet] = await Promise.all([
      socket(),
      socket(),
      socket(liuhua.rpcUrl),
      socket(liuhua.rpcUrl),
      socket(),
      socket(renmin.rpcUrl),
    ]);
    const session = 'sess-district-1';
    expect((await dA.call('consult.join', { consultationId: cid, participantId: 'district', session, link: 'A' })).error).toBeUndefined();
    expect((await dB.call('consult.join', { consultationId: cid, participantId: 'district', session, link: 'B' })).error).toBeUndefined();
    await sA.call('consult.join', { consultationId: cid, participantId: 'liuhua', session: 'sess-liuhua-1', link: 'A' });
    const r = await sB.call('consult.join', { consultationId: cid, participantId: 'liuhua', session: 'sess-liuhua-1', link: 'B' });
    expect(r.result.presence.present).toEqual([
      { id: 'district', session, links: ['A', 'B'] },
      { id: 'liuhua', session: 'sess-liuhua-1', links: ['A', 'B'] },
    ]);
    // The first join is recorded once, not per socket.
    expect(r.result.consultation.participants.find((p: { id: string }) => p.id === 'liuhua').joinedAt).toBeTypeOf('number');
    const notInvited = await notInvitedStreet.call('consult.join', { consultationId: cid, participantId: 'renmin', session: 'sess-renmin-1', link: 'A' });
    expect(notInvited.error?.message).toMatch(/renmin is not a participant/);
  });

  it('relays a message sent on both sockets once per target socket, and to nobody else', async () => {
    for (const s of [dA, dB, sA, sB, other]) await drain(s, 'consult.signal', 50);
    const msg = {
      consultationId: cid,
      from: 'district',
      to: 'liuhua',
      msgId: 'sess-district-1.1',
      payload: { kind: 'hello', session: 'sess-district-1', mode: 'dual' },
    };
    const [a, b] = await Promise.all([dA.call('consult.signal', msg), dB.call('consult.signal', msg)]);
    // One copy relayed, the other recognised as a repeat.
    expect([a.result, b.result].sort((x, y) => Number(x.duplicate) - Number(y.duplicate))).toEqual([
      { delivered: 2, duplicate: false },
      { delivered: 0, duplicate: true },
    ]);
    expect(await drain(sA, 'consult.signal')).toEqual([msg]);
    expect(await drain(sB, 'consult.signal')).toEqual([msg]);
    expect(await drain(dA, 'consult.signal')).toEqual([]);
    expect(await drain(other, 'consult.signal')).toEqual([]);
  });

  it('refuses a message from a socket that has not joined as its sender', async () => {
    const forged = { consultationId: cid, from: 'district', to: 'liuhua', msgId: 'forged-0001', payload: { kind: 'bye', session: 'sess-district-1' } };
    const r = await other.call('consult.signal', forged);
    expect(r.error?.code).toBe(RpcCode.Refused);
    expect(r.error?.message).toMatch(/has not joined consultation .* as district/);
    const asOther = await sA.call('consult.signal', forged);
    expect(asOther.error?.code).toBe(RpcCode.Refused);
  });

  it('refuses signalling outside the schema, naming the field', async () => {
    const bad = {
      consultationId: cid,
      from: 'district',
      to: 'liuhua',
      msgId: 'bad-000001',
      payload: { kind: 'peer', pc: { link: 'C', gen: 1, session: 'sess-district-1' }, data: { type: 'offer', sdp: 'v=0' } },
    };
    const r = await dA.call('consult.signal', bad);
    expect(r.error?.code).toBe(RpcCode.InvalidParams);
    expect(r.error?.message).toMatch(/params\.payload\.pc\.link/);
  });

  it('still relays when one of the target’s sockets is gone, and presence drops that link', async () => {
    await drain(dA, 'consult.presence', 0);
    sA.close();
    const p = await until(
      () =>
        heard
          .get(dA)!
          .filter((n) => n.method === 'consult.presence')
          .pop()?.params,
    );
    expect(p.present.find((x: { id: string }) => x.id === 'liuhua').links).toEqual(['B']);
    const msg = {
      consultationId: cid,
      from: 'district',
      to: 'liuhua',
      msgId: 'sess-district-1.2',
      payload: { kind: 'rebuild', link: 'A', session: 'sess-district-1' },
    };
    const r = await dB.call('consult.signal', msg);
    expect(r.result).toEqual({ delivered: 1, duplicate: false });
    expect(await drain(sB, 'consult.signal')).toEqual([msg]);
  });

  it('delivers console commands to the endpoint and keeps its reported status', async () => {
    const cmd = { consultationId: cid, to: 'liuhua', msgId: 'console.1.abcdef', command: { cmd: 'mute', on: true } };
    const [a, b] = await Promise.all([other.call('consult.control', cmd), other.call('consult.control', cmd)]);
    expect([a.result.duplicate, b.result.duplicate].sort()).toEqual([false, true]);
    expect(await drain(sB, 'consult.control')).toEqual([cmd]);
    const lk = { state: 'up', rttMs: 1, kbps: 800, loss: 0, builds: 1 };
    const status = {
      consultationId: cid,
      participantId: 'liuhua',
      session: 'sess-liuhua-1',
      at: 1,
      mode: 'dual',
      signalling: { A: 'closed', B: 'open' },
      muted: true,
      cameraOff: false,
      lowBandwidth: false,
      layout: 'grid',
      focus: null,
      activeSpeaker: null,
      cameras: [],
      mics: [],
      cameraId: null,
      micId: null,
      remotes: [{ id: 'district', shown: 'B', A: { ...lk, state: 'down' }, B: lk }],
    };
    expect((await other.call('consult.report', { status })).error?.code).toBe(RpcCode.Refused);
    expect((await sB.call('consult.report', { status })).result).toEqual({ ok: true });
    expect(await drain(other, 'consult.getStatus')).toEqual([status]);
    const list = await other.call('consult.list', {});
    expect(list.result.live.id).toBe(cid);
    expect(list.result.status).toEqual([status]);
  });

  it('records a leave and an end; an ended consultation refuses joins', async () => {
    const left = await sB.call('consult.leave', { consultationId: cid, participantId: 'liuhua', session: 'sess-liuhua-1' });
    expect(left.result.participants.find((p: { id: string }) => p.id === 'liuhua').leftAt).toBeTypeOf('number');
    const ended = await other.call('consult.end', { id: cid, endedBy: '张值班' });
    expect(ended.result).toMatchObject({ endedBy: '张值班' });
    expect(ended.result.endedAt).toBeTypeOf('number');
    expect(ended.result.rev).toBeGreaterThan(1);
    const late = await dA.call('consult.join', { consultationId: cid, participantId: 'district', session: 'sess-district-1', link: 'A' });
    expect(late.error?.message).toMatch(/has ended/);
    const list = await other.call('consult.list', { limit: 5 });
    expect(list.result.live).toBeNull();
    expect(list.result.recent[0].id).toBe(cid);
  });
});
