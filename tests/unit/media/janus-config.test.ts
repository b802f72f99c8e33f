// Janus's generated configuration: only our plugins and transport, the API on loopback behind a
// secret, media kept on the centre's link addresses.
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { janusConfigFiles, writeJanusConfig, JANUS_PLUGINS } from '../../../src-main/core/media';
import { linkAddresses, mediaOptionsFromEnv } from '../../../src-main/core/media';
import { parseHubArgs } from '../../../src-main/hub/cli-args';
import { tempDir } from '../../support/temp-dir';

const input = (dir: string) => ({
  wsPort: 18188,
  apiSecret: 'api-s3cret',
  adminSecret: 'admin-s3cret',
  adminKey: 'key-s3cret',
  mediaAddresses: ['10.1.1.1', '10.2.1.1'],
  rtpPorts: [20000, 40000] as [number, number],
  libDir: '/usr/lib/x86_64-linux-gnu/janus',
  dir,
  recordingsDir: join(dir, '..', 'recordings'),
});

let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => tmp?.remove());

describe('the generated Janus configuration', () => {
  it('loads only our plugins and the WebSocket transport on loopback, with the secrets and the link addresses', () => {
    const files = janusConfigFiles(input('/data/janus'));
    expect(Object.keys(files).sort()).toEqual([
      'janus.jcfg',
      'janus.plugin.audiobridge.jcfg',
      'janus.plugin.recordplay.jcfg',
      'janus.plugin.streaming.jcfg',
      'janus.plugin.videoroom.jcfg',
      'janus.transport.websockets.jcfg',
    ]);
    const main = files['janus.jcfg'];
    expect(main).toContain('plugins_folder = "/data/janus/plugins"');
    expect(main).toContain('transports_folder = "/data/janus/transports"');
    expect(main).toContain('events_folder = "/data/janus/none"');
    expect(main).toContain('api_secret = "api-s3cret"');
    expect(main).toContain('admin_secret = "admin-s3cret"');
    expect(main).toContain('ice_enforce_list = "10.1.1.1,10.2.1.1"');
    expect(main).toContain('rtp_port_range = "20000-40000"');
    const ws = files['janus.transport.websockets.jcfg'];
    expect(ws).toMatch(/ws_port = 18188\n/);
    expect(ws).toContain('ws_ip = "127.0.0.1"');
    expect(ws).toContain('admin_ws = false');
    expect(ws).toContain('wss = false');
    for (const p of ['streaming', 'videoroom', 'audiobridge']) expect(files[`janus.plugin.${p}.jcfg`]).toContain('admin_key = "key-s3cret"');
  });

  it('escapes quotes and backslashes in strings', () => {
    const main = janusConfigFiles({ ...input('/d'), apiSecret: 'a"b\\c' })['janus.jcfg'];
    expect(main).toContain('api_secret = "a\\"b\\\\c"');
  });

  it('writes a private folder whose plugin folder holds the four plugins only, as symlinks', () => {
    tmp = tempDir('cw-janus-');
    const dir = join(tmp.dir, 'janus');
    writeJanusConfig(input(dir));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'janus.jcfg')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'plugins')).sort()).toEqual([...JANUS_PLUGINS].sort());
    expect(readdirSync(join(dir, 'transports'))).toEqual(['libjanus_websockets.so']);
    expect(readdirSync(join(dir, 'none'))).toEqual([]);
    const link = join(dir, 'plugins', 'libjanus_streaming.so');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('/usr/lib/x86_64-linux-gnu/janus/plugins/libjanus_streaming.so');
    // Written again (every start): the same folder, nothing left over.
    writeJanusConfig(input(dir));
    expect(readdirSync(join(dir, 'plugins')).length).toBe(JANUS_PLUGINS.length);
  });

  it('keeps media on the link addresses: the hub’s hosts and the links’ hub URLs (never loopback, where Janus does not gather)', () => {
    const centre = (urls: (string | undefined)[]) => ({
      name: '越秀区应急指挥中心',
      nameEn: 'Yuexiu',
      level: 'district' as const,
      links: urls.map((hubUrl, i) => ({ id: i === 0 ? ('A' as const) : ('B' as const), name: 'link', hubUrl })),
    });
    expect(linkAddresses(centre(['http://10.1.1.1:4310/?token=x', 'http://10.2.1.1:4310/']))).toEqual(['10.1.1.1', '10.2.1.1']);
    expect(linkAddresses(centre(['http://hub.local:4310/', undefined]), ['127.0.0.1', '0.0.0.0'])).toEqual([]);
    expect(linkAddresses(centre([]))).toEqual([]);
    // No link address: no enforce list (every interface).
    expect(janusConfigFiles({ ...input('/d'), mediaAddresses: [] })['janus.jcfg']).not.toContain('ice_enforce_list');
    expect(linkAddresses(centre(['not a url']), ['10.1.1.1'])).toEqual(['10.1.1.1']);
  });

  it('is switched on by the hub’s --janus flag (off by default)', () => {
    expect(parseHubArgs([]).janus).toBe(false);
    expect(parseHubArgs(['--janus', '--demo'])).toMatchObject({ janus: true, demo: true });
  });

  it('is switched on by COMMAND_WALL_JANUS', () => {
    expect(mediaOptionsFromEnv({})).toEqual({ janus: false });
    expect(mediaOptionsFromEnv({ COMMAND_WALL_JANUS: '0' })).toEqual({ janus: false });
    expect(mediaOptionsFromEnv({ COMMAND_WALL_JANUS: '1' })).toEqual({ janus: true });
    expect(mediaOptionsFromEnv({ COMMAND_WALL_JANUS: '/opt/janus/bin/janus' })).toEqual({ janus: true, binary: '/opt/janus/bin/janus' });
  });
});
