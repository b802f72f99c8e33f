// The secrets of a power source (a NUT password, an SNMP community) never reach a client, and a
// stored one goes only where it was typed for: re-pointing a source (host, port, user, TLS, SNMP
// version) drops it unless the request gives it again. Against Debian's real upsd and snmpd, with
// a recording relay standing in for the server a source is re-pointed to.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nutSourceOf, startNutServer, type NutServer } from '../../support/nut-server';
import { startSnmpAgent, type SnmpAgent } from '../../support/snmp-agent';
import { openPowerCore, sleep, type PowerCore } from './helpers';

let nut: NutServer;
let agent: SnmpAgent;
let pc: PowerCore;

beforeAll(async () => {
  [nut, agent, pc] = await Promise.all([startNutServer(), startSnmpAgent(), openPowerCore()]);
});

afterAll(async () => {
  await pc?.close();
  await Promise.all([nut?.stop(), agent?.stop()]);
});

/** Everything a client could have seen: the configuration, the overview and every event pushed. */
async function clientView(): Promise<string> {
  return JSON.stringify([await pc.call('power.getConfig'), await pc.call('power.getOverview'), pc.events]);
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface Relay {
  port: number;
  /** Every line the source sent, in order. */
  lines: string[];
  close(): Promise<void>;
}

/**
 * A TCP relay to the real upsd that records every line the source sends: the "other server" a
 * source is re-pointed to. With `refusePassword` it answers PASSWORD itself with an error, as a
 * server set up to provoke one would.
 */
async function startRelay(upsdPort: number, opts: { refusePassword?: boolean } = {}): Promise<Relay> {
  const lines: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(upsdPort, '127.0.0.1');
    sockets.add(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    let buf = '';
    client.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        // The client sends PASSWORD alone (it awaits each reply), so answering here keeps the order.
        if (opts.refusePassword && line.startsWith('PASSWORD')) client.write('ERR ACCESS-DENIED\n');
        else upstream.write(`${line}\n`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    lines,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const nutSource = (over: Record<string, unknown> = {}) => nutSourceOf(nut, { tls: 'none' as const, pollMs: 250, ...over });

const without = <T extends Record<string, unknown>>(o: T, key: string): T => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)) as T;
const linkOf = (id: string, link: string) => (p: any) => p.sources.some((s: any) => s.id === id && s.link === link);

describe('a stored NUT password', () => {
  it('is not sent to a server the source is re-pointed to without it (tls none, another port)', async () => {
    await pc.call('power.saveSource', { source: nutSource() });
    await pc.waitEvent('power.sourcesChanged', linkOf('ups-hall', 'online'), 5000, 0);
    const relay = await startRelay(nut.port);
    try {
      const t0 = Date.now();
      const c = await pc.call('power.saveSource', { source: without(nutSource({ port: relay.port }), 'password') });
      await waitFor('the source to reach the relay', () => relay.lines.includes(`LIST UPS`));
      expect(relay.lines.filter((l) => l.startsWith('PASSWORD'))).toEqual([]);
      expect(c.sources.find((s: any) => s.id === 'ups-hall')).toMatchObject({ port: relay.port, passwordSet: false });
      expect(c.notice!.en).toContain('password was cleared');
      expect(c.notice!.zh).toContain('密码');
      // Without its password upsd refuses the LOGIN: the tile says so.
      await pc.waitEvent('power.sourcesChanged', linkOf('ups-hall', 'error'), 5000, t0);
    } finally {
      await relay.close();
    }
  });

  it('is kept when only the name changes, and used again on the same server', async () => {
    const relay = await startRelay(nut.port);
    try {
      // Typed again for the new server: sent there.
      let t0 = Date.now();
      let c = await pc.call('power.saveSource', { source: nutSource({ port: relay.port }) });
      expect(c.notice).toBeNull();
      await pc.waitEvent('power.sourcesChanged', linkOf('ups-hall', 'online'), 5000, t0);
      const sent = relay.lines.filter((l) => l.startsWith('PASSWORD')).length;
      expect(sent).toBe(1);
      t0 = Date.now();
      c = await pc.call('power.saveSource', { source: without(nutSource({ port: relay.port, name: '大厅 UPS（主）' }), 'password') });
      expect(c.sources.find((s: any) => s.id === 'ups-hall')).toMatchObject({ name: '大厅 UPS（主）', passwordSet: true });
      expect(c.notice).toBeNull();
      // The source restarts and logs in again with the kept password.
      await waitFor('a second login', () => relay.lines.filter((l) => l.startsWith('PASSWORD')).length === sent + 1);
      await pc.waitEvent('power.sourcesChanged', linkOf('ups-hall', 'online'), 5000, t0);
    } finally {
      await relay.close();
    }
  });

  it('is dropped by a change of host, port, user or TLS settings, kept by any other change, replaced when given', async () => {
    // Nothing listens on port 9: only the stored configuration matters here.
    const base = nutSource({ id: 'ups-x', name: 'UPS X', port: 9, tls: 'starttls', tlsCa: 'CA-ONE', login: false });
    const dropping: Record<string, unknown>[] = [
      { host: 'localhost' },
      { port: 10 },
      { username: 'someone-else' },
      { username: undefined },
      { tls: 'none' },
      { tlsInsecure: true },
      { tlsCa: 'CA-TWO' },
      { tlsCa: undefined },
    ];
    const keeping: Record<string, unknown>[] = [{ name: 'UPS X2' }, { pollMs: 1000 }, { enabled: false }, { login: true }, { ups: 'other' }];
    const after = async (change: Record<string, unknown>, password?: string) => {
      await pc.call('power.saveSource', { source: base });
      const next = { ...without(base, 'password'), ...change, ...(password === undefined ? {} : { password }) };
      const c = await pc.call('power.saveSource', { source: Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as never });
      return { view: c.sources.find((s: any) => s.id === 'ups-x') as any, notice: c.notice };
    };
    try {
      for (const change of dropping) {
        const { view, notice } = await after(change);
        expect({ change, passwordSet: view.passwordSet }).toEqual({ change, passwordSet: false });
        expect(notice?.en).toContain('password was cleared');
      }
      for (const change of keeping) {
        const { view, notice } = await after(change);
        expect({ change, passwordSet: view.passwordSet }).toEqual({ change, passwordSet: true });
        expect(notice).toBeNull();
      }
      // A password given with the change is the new one.
      expect((await after({ port: 10 }, 'a-new-one')).view.passwordSet).toBe(true);
      // "" still clears it.
      expect((await after({}, '')).view.passwordSet).toBe(false);
    } finally {
      await pc.call('power.removeSource', { id: 'ups-x' }).catch(() => undefined);
    }
  });

  it('never shows in a tile, an event or a log when a server refuses it', async () => {
    const secret = 'hunter2-only-here';
    const relay = await startRelay(nut.port, { refusePassword: true });
    try {
      const t0 = Date.now();
      await pc.call('power.saveSource', { source: nutSource({ id: 'ups-refused', name: '拒绝 UPS', port: relay.port, password: secret }) });
      const ev = await pc.waitEvent('power.sourcesChanged', linkOf('ups-refused', 'error'), 5000, t0);
      expect(ev.payload.sources.find((s: any) => s.id === 'ups-refused').detail).toContain('PASSWORD');
      expect(relay.lines).toContain(`PASSWORD "${secret}"`);
      expect(await clientView()).not.toContain(secret);
      expect(pc.logs.join('\n')).not.toContain(secret);
    } finally {
      await pc.call('power.removeSource', { id: 'ups-refused' }).catch(() => undefined);
      await relay.close();
    }
  });
});

describe('an SNMP community', () => {
  const snmpSource = (over: Record<string, unknown> = {}) => ({
    kind: 'snmp' as const,
    id: 'ups-snmp',
    name: '机房 UPS',
    host: agent.host,
    port: agent.port,
    community: agent.community,
    pollMs: 250,
    ...over,
  });

  it('is never returned to clients: methods and events show communitySet instead', async () => {
    const t0 = Date.now();
    const saved = await pc.call('power.saveSource', { source: snmpSource() });
    await pc.waitEvent('power.sourcesChanged', linkOf('ups-snmp', 'online'), 5000, t0);
    await pc.waitEvent('power.configChanged', () => true, 1000, t0);
    const view = saved.sources.find((s: any) => s.id === 'ups-snmp') as any;
    expect(view).toMatchObject({ kind: 'snmp', communitySet: true });
    expect('community' in view).toBe(false);
    expect(JSON.stringify(saved)).not.toContain(agent.community);
    expect(await clientView()).not.toContain(agent.community);
  });

  it('left out when only the name changes, the stored one is kept (the agent still answers)', async () => {
    const t0 = Date.now();
    const c = await pc.call('power.saveSource', { source: without(snmpSource({ name: '机房 UPS（主）' }), 'community') });
    expect(c.sources.find((s: any) => s.id === 'ups-snmp')).toMatchObject({ name: '机房 UPS（主）', communitySet: true });
    expect(c.notice).toBeNull();
    // The restarted source reads the agent (which answers its community only).
    const tile = async () => (await pc.call('power.getOverview')).sources.find((s: any) => s.id === 'ups-snmp') as any;
    await waitFor('a reading after the restart', async () => ((await tile()).lastUpdate ?? 0) > t0, 3000);
    expect(await tile()).toMatchObject({ link: 'online', verdict: 'mains' });
  });

  it('is not sent to an agent the source is re-pointed to without it', async () => {
    await pc.call('power.saveSource', { source: snmpSource() });
    const packets: Buffer[] = [];
    const recorder: UdpSocket = createSocket('udp4');
    recorder.on('message', (m) => packets.push(m));
    await new Promise<void>((r) => recorder.bind(0, '127.0.0.1', () => r()));
    try {
      const c = await pc.call('power.saveSource', { source: without(snmpSource({ port: recorder.address().port }), 'community') });
      expect(c.sources.find((s: any) => s.id === 'ups-snmp')).toMatchObject({ communitySet: false });
      expect(c.notice!.en).toContain('community was cleared');
      await waitFor('a request at the new port', () => packets.length >= 2);
      expect(packets.some((p) => p.includes(agent.community))).toBe(false);
      // Until it is typed again the SNMP default is used.
      expect(packets.every((p) => p.includes('public'))).toBe(true);
    } finally {
      recorder.close();
    }
  });

  it('is dropped by a change of host, port or version, kept by any other change; "" clears it', async () => {
    const base = snmpSource({ id: 'ups-y', name: 'UPS Y', port: 9, community: 'topsecret-y' });
    const after = async (change: Record<string, unknown>) => {
      await pc.call('power.saveSource', { source: base });
      const c = await pc.call('power.saveSource', { source: { ...without(base, 'community'), ...change } });
      return { view: c.sources.find((s: any) => s.id === 'ups-y') as any, notice: c.notice };
    };
    try {
      for (const change of [{ host: 'localhost' }, { port: 10 }, { version: '1' }]) {
        const { view, notice } = await after(change);
        expect({ change, communitySet: view.communitySet }).toEqual({ change, communitySet: false });
        expect(notice?.en).toContain('community was cleared');
      }
      for (const change of [{ name: 'UPS Y2' }, { pollMs: 1000 }, { enabled: false }]) {
        const { view, notice } = await after(change);
        expect({ change, communitySet: view.communitySet }).toEqual({ change, communitySet: true });
        expect(notice).toBeNull();
      }
      expect((await after({ port: 10, community: 'given-again' })).view.communitySet).toBe(true);
      expect((await after({ community: '' })).view.communitySet).toBe(false);
      expect(await clientView()).not.toContain('topsecret-y');
    } finally {
      await pc.call('power.removeSource', { id: 'ups-y' }).catch(() => undefined);
    }
  });
});
