// The media engine for real: the core starts Janus (Debian's /usr/bin/janus) on loopback, sees it
// die by SIGKILL and brings it back (health restarting → running), and keeps an RTSP camera's
// mountpoint on it (made again after the restart) fed by a real RTSP source (ffmpeg publishing to
// rtsp-server-perl). The camera's password never comes back to a client or into the log.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/app';
import type { CallContext } from '@contract/define';
import type { MediaHealth } from '@contract/media';
import { RpcError } from '@contract/errors';
import { tempDir } from '../../support/temp-dir';
import { until } from '../../support/until';
import { rtspSourceMissing, startRtspSource, type RtspSource } from './rtsp-source';

const JANUS = '/usr/bin/janus';
const missing = existsSync(JANUS) ? rtspSourceMissing() : `${JANUS} is not installed (apt-get install janus)`;
if (missing) console.warn(`[media] skipping the real-Janus tests: ${missing}`);

const ctx: CallContext = { transport: 'local', peer: 'test' };
const PASSWORD = 'rtsp-pa55-word';

/** Asks the running Janus directly (with the secret of the config the hub wrote), as a test's own client. */
async function askJanus<T>(dir: string, talk: (req: (msg: object) => Promise<any>) => Promise<T>): Promise<T> {
  const ws = readFileSync(join(dir, 'janus', 'janus.transport.websockets.jcfg'), 'utf8');
  const main = readFileSync(join(dir, 'janus', 'janus.jcfg'), 'utf8');
  const port = /ws_port = (\d+)/.exec(ws)![1];
  const apisecret = /api_secret = "([^"]+)"/.exec(main)![1];
  const sock = new WebSocket(`ws://127.0.0.1:${port}`, 'janus-protocol');
  await new Promise((r, j) => (sock.once('open', r), sock.once('error', j)));
  let n = 0;
  const req = (msg: object) =>
    new Promise<any>((resolve) => {
      const transaction = `t${++n}`;
      const on = (d: WebSocket.RawData): void => {
        const m = JSON.parse(String(d));
        if (m.transaction !== transaction || m.janus === 'ack') return;
        sock.off('message', on);
        resolve(m);
      };
      sock.on('message', on);
      sock.send(JSON.stringify({ ...msg, transaction, apisecret }));
    });
  try {
    return await talk(req);
  } finally {
    sock.close();
  }
}

const janusInfo = (dir: string): Promise<{ plugins: Record<string, unknown>; transports: Record<string, unknown> }> =>
  askJanus(dir, (req) => req({ janus: 'info' }));

/** How many viewers Janus counts on a mountpoint. */
const viewersOf = (dir: string, id: string): Promise<number> =>
  askJanus(dir, async (req) => {
    const session = (await req({ janus: 'create' })).data.id;
    const handle = (await req({ janus: 'attach', session_id: session, plugin: 'janus.plugin.streaming' })).data.id;
    const r = await req({ janus: 'message', session_id: session, handle_id: handle, body: { request: 'info', id } });
    await req({ janus: 'destroy', session_id: session });
    if (!r.plugindata?.data?.info) throw new Error(JSON.stringify(r));
    return r.plugindata.data.info.viewers as number;
  });

describe.skipIf(missing !== null)('Janus supervised by the core (real Janus on loopback)', () => {
  const tmp = tempDir('cw-media-');
  const logs: string[] = [];
  const events: { event: string; payload: any }[] = [];
  let core: Core;
  let rtsp: RtspSource;
  const health = () => core.dispatch('media.getHealth', {}, ctx) as Promise<MediaHealth>;

  beforeAll(async () => {
    rtsp = await startRtspSource('cam1');
    const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
    core = await openCore({ dataDir: tmp.dir, host: 'hub', log, media: { janus: true } });
    core.bus.onAny((event, payload) => events.push({ event, payload }));
  });
  afterAll(async () => {
    await core?.close();
    await rtsp?.stop();
    tmp.remove();
  });

  it('starts Janus with only our plugins and the WebSocket transport, and reports it running', async () => {
    const h = await until('running', health, (x) => x.state === 'running');
    expect(h.pid).toBeGreaterThan(0);
    expect(h.upSince).not.toBeNull();
    expect(h.restarts).toBe(0);
    const info = await janusInfo(tmp.dir);
    expect(Object.keys(info.plugins).sort()).toEqual([
      'janus.plugin.audiobridge',
      'janus.plugin.recordplay',
      'janus.plugin.streaming',
      'janus.plugin.videoroom',
    ]);
    expect(Object.keys(info.transports)).toEqual(['janus.transport.websockets']);
  });

  it('makes an RTSP camera a mountpoint, offers its picture to a viewer, and never gives its password back', async () => {
    const saved = (await core.dispatch(
      'cameras.saveSource',
      { source: { id: 'cam-rtsp', name: '解放北路 RTSP', kind: 'rtsp', url: rtsp.url, user: 'viewer', password: PASSWORD } },
      ctx,
    )) as { sources: unknown[] };
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(saved.sources[0]).toMatchObject({ id: 'cam-rtsp', user: 'viewer', passwordSet: true });
    await until('mountpoint', health, (x) => x.mountpoints.ready === 1 && x.mountpoints.wanted === 1);

    // A viewer: Janus's complete offer, an H.264 video stream with its candidates on loopback.
    const watch = (await until(
      'an offer',
      () => core.dispatch('cameras.watch', { id: 'cam-rtsp' }, { ...ctx, connectionId: 'ws-1' }).catch((e: RpcError) => e),
      (r) => !(r instanceof RpcError),
    )) as { watchId: string; offer: { type: string; sdp: string } };
    expect(watch.offer.type).toBe('offer');
    expect(watch.offer.sdp).toMatch(/m=video \d+ UDP\/TLS\/RTP\/SAVPF/);
    expect(watch.offer.sdp).toMatch(/a=rtpmap:\d+ H264\/90000/);
    expect(watch.offer.sdp).toMatch(/a=candidate:.* typ host/);
    expect(watch.offer.sdp).toContain('a=end-of-candidates');
    // Another connection cannot answer or end it.
    await core.dispatch('cameras.stopWatch', { watchId: watch.watchId }, { ...ctx, connectionId: 'ws-2' });
    const other = await core
      .dispatch('cameras.answerWatch', { watchId: watch.watchId, answer: { type: 'answer', sdp: 'v=0' } }, { ...ctx, connectionId: 'ws-2' })
      .catch((e: RpcError) => e);
    expect((other as RpcError).message).toMatch(/no viewer session/);
    await core.dispatch('cameras.stopWatch', { watchId: watch.watchId }, { ...ctx, connectionId: 'ws-1' });

    const listed = await core.dispatch('cameras.get', {}, ctx);
    const everything = JSON.stringify([listed, events, logs]);
    expect(everything).not.toContain(PASSWORD);
    // Saved again without the password (same server and user): kept; re-pointed: dropped.
    let s = (await core.dispatch(
      'cameras.saveSource',
      { source: { id: 'cam-rtsp', name: '解放北路', kind: 'rtsp', url: rtsp.url, user: 'viewer' } },
      ctx,
    )) as any;
    expect(s.sources[0].passwordSet).toBe(true);
    s = await core.dispatch('cameras.saveSource', { source: { id: 'cam-rtsp', name: '解放北路', kind: 'rtsp', url: rtsp.url, user: 'other' } }, ctx);
    expect(s.sources[0].passwordSet).toBe(false);
  });

  it('ends a viewer’s session on Janus when its connection closes', async () => {
    const conn = { id: 'ws-closing', push: () => undefined };
    const remove = core.connections.add(conn);
    // Made again by the last save (another user): wait for it to describe its stream.
    await until('mountpoint', health, (x) => x.mountpoints.ready === 1);
    await until(
      'an offer',
      () => core.dispatch('cameras.watch', { id: 'cam-rtsp' }, { ...ctx, connectionId: conn.id }).catch((e: RpcError) => e),
      (r) => !(r instanceof RpcError),
    );
    await until(
      'a viewer',
      () => viewersOf(tmp.dir, 'cam-rtsp'),
      (n) => n === 1,
      5000,
    );
    remove();
    await until(
      'the viewer gone',
      () => viewersOf(tmp.dir, 'cam-rtsp'),
      (n) => n === 0,
      5000,
    );
  });

  it('brings Janus back after SIGKILL (restarting → running) and makes the mountpoint again', async () => {
    const before = await until('running with the mountpoint', health, (x) => x.state === 'running' && x.mountpoints.ready === 1);
    const seenFrom = events.length;
    const killedAt = Date.now();
    process.kill(before.pid!, 'SIGKILL');
    const after = await until('running again', health, (x) => x.state === 'running' && x.pid !== before.pid && x.mountpoints.ready === 1);
    const backMs = Date.now() - killedAt;
    const states = events
      .slice(seenFrom)
      .filter((e) => e.event === 'media.healthChanged')
      .map((e) => e.payload.state as string);
    expect(states).toContain('restarting');
    expect(states.indexOf('restarting')).toBeLessThan(states.lastIndexOf('running'));
    expect(after.restarts).toBe(before.restarts + 1);
    expect(after.lastError).toMatch(/Janus exited \(SIGKILL\)|Janus lost/);
    console.log(`[media] Janus back and the mountpoint made again ${backMs} ms after SIGKILL`);
    expect(backMs).toBeLessThan(5000);
    // The old process is gone, the new one serves a viewer again.
    expect(() => process.kill(before.pid!, 0)).toThrow();
    const again = await until(
      'an offer after the restart',
      () => core.dispatch('cameras.watch', { id: 'cam-rtsp' }, { ...ctx, connectionId: 'ws-1' }).catch((e: RpcError) => e),
      (r) => !(r instanceof RpcError),
    );
    expect(again).toMatchObject({ offer: { type: 'offer' } });
  });

  it('removes the mountpoint with the camera', async () => {
    await core.dispatch('cameras.removeSource', { id: 'cam-rtsp' }, ctx);
    await until('no mountpoint', health, (x) => x.mountpoints.wanted === 0 && x.mountpoints.ready === 0);
    const refused = await core.dispatch('cameras.watch', { id: 'cam-rtsp' }, ctx).catch((e: RpcError) => e);
    expect((refused as RpcError).message).toMatch(/not an enabled RTSP camera/);
  });

  it('stops Janus with the core', async () => {
    const { pid } = await health();
    await core.close();
    expect(() => process.kill(pid!, 0)).toThrow();
    core = undefined as unknown as Core;
  });
});

describe('the media engine when Janus is off or absent', () => {
  it('says disabled when not switched on, and refuses to watch an RTSP camera', async () => {
    const tmp = tempDir('cw-media-');
    const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: { info() {}, warn() {}, error() {} } });
    try {
      expect(await core.dispatch('media.getHealth', {}, ctx)).toMatchObject({ state: 'disabled', pid: null });
      await core.dispatch('cameras.saveSource', { source: { id: 'cam-rtsp', name: 'RTSP', kind: 'rtsp', url: 'rtsp://10.1.2.3:554/s1' } }, ctx);
      const err = await core.dispatch('cameras.watch', { id: 'cam-rtsp' }, ctx).catch((e: RpcError) => e);
      expect((err as RpcError).message).toMatch(/media engine \(Janus\) is not running/);
    } finally {
      await core.close();
      tmp.remove();
    }
  });

  it('says missing (未安装) when the binary is absent, and the rest works', async () => {
    const tmp = tempDir('cw-media-');
    const core = await openCore({
      dataDir: tmp.dir,
      host: 'hub',
      log: { info() {}, warn() {}, error() {} },
      media: { janus: true, binary: join(tmp.dir, 'no-janus') },
    });
    try {
      const h = await until(
        'missing',
        () => core.dispatch('media.getHealth', {}, ctx) as Promise<MediaHealth>,
        (x) => x.state === 'missing',
      );
      expect(h.lastError).toMatch(/not installed/);
      expect(await core.dispatch('cameras.get', {}, ctx)).toMatchObject({ sources: [] });
    } finally {
      await core.close();
      tmp.remove();
    }
  });

  it('refuses an RTSP URL with credentials in it, and a user for an HLS camera, naming the field', async () => {
    const tmp = tempDir('cw-media-');
    const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: { info() {}, warn() {}, error() {} } });
    try {
      const save = (source: object) => core.dispatch('cameras.saveSource', { source: { id: 'c1', name: 'C', ...source } }, ctx).catch((e: RpcError) => e);
      expect(((await save({ kind: 'rtsp', url: 'rtsp://admin:pw@10.1.2.3/s1' })) as RpcError).message).toMatch(/source\.url: .*never in the URL/);
      expect(((await save({ kind: 'rtsp', url: 'http://10.1.2.3/s1' })) as RpcError).message).toMatch(/source\.url: .*starts with rtsp:\/\//);
      expect(((await save({ kind: 'hls', url: 'rtsp://10.1.2.3/s1' })) as RpcError).message).toMatch(/source\.kind/);
      expect(((await save({ kind: 'hls', url: '/media/a.m3u8', user: 'u' })) as RpcError).message).toMatch(/source\.user/);
    } finally {
      await core.close();
      tmp.remove();
    }
  });
});
