// Network namespaces for the consultation tests: a district and N streets, two links between
// each street and the district, each link its own subnet (link A 10.231.1.0/24, link B
// 10.231.2.0/24; a bridge per link in the district, like the two real networks). Every host gets
// the settings a real centre needs to keep each connection on its own link: strict reverse-path
// filtering (rp_filter=1) and ARP from the interface's own subnet (arp_announce=2).
//
// Everything lives inside namespaces named cwnet<pid>-…: nothing touches the machine's own
// network, and removing the namespaces removes it all. Addresses are used only inside them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { alive } from '../../src-main/core/store/lock';

/**
 * Namespace names carry the harness process's pid ("cwnet1234-d"): two runs at once (a developer's
 * and CI's) never touch each other's, and a crashed run's leftovers are known by their dead pid.
 */
export const PREFIX = 'cwnet';
const RUN = `${PREFIX}${process.pid}`;
const OURS = new RegExp(`^${PREFIX}(\\d+)-`);
export const LINKS = ['A', 'B'] as const;
export type Link = (typeof LINKS)[number];
export const SUBNET: Record<Link, string> = { A: '10.231.1.0/24', B: '10.231.2.0/24' };
export const DISTRICT_IP: Record<Link, string> = { A: '10.231.1.1', B: '10.231.2.1' };
export const streetIp = (link: Link, i: number): string => `10.231.${link === 'A' ? 1 : 2}.${10 + i}`;
/** The street-side interface of a link. */
export const IFACE: Record<Link, string> = { A: 'eth-a', B: 'eth-b' };

export interface Topology {
  district: string;
  streets: string[];
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export const ip = (...args: string[]): string => run('ip', args);
/** A command inside a namespace. */
export const inNs = (ns: string, cmd: string, ...args: string[]): string => run('ip', ['netns', 'exec', ns, cmd, ...args]);

export function canUseNamespaces(): { ok: true } | { ok: false; why: string } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { ok: false, why: 'network namespaces need root (run as root, or in CI)' };
  try {
    ip('netns', 'list');
  } catch (err) {
    return { ok: false, why: `ip netns does not work here: ${(err as Error).message}` };
  }
  return { ok: true };
}

/** Every harness's namespaces on this machine, with the pid of the run that made them. */
function harnessNamespaces(): { name: string; pid: number }[] {
  return ip('netns', 'list')
    .split('\n')
    .map((l) => l.split(' ')[0])
    .map((name) => ({ name, m: OURS.exec(name) }))
    .filter((x) => x.m !== null)
    .map((x) => ({ name: x.name, pid: Number(x.m![1]) }));
}

/** This run's namespaces. */
export function listOurNamespaces(): string[] {
  return harnessNamespaces()
    .filter((x) => x.pid === process.pid)
    .map((x) => x.name);
}

/** Namespaces left by runs that died without cleaning up (their pid is gone); never a live run's. */
export function removeLeftovers(): string[] {
  const dead = harnessNamespaces()
    .filter((x) => x.pid !== process.pid && !alive(x.pid))
    .map((x) => x.name);
  removeNamespaces(dead);
  return dead;
}

/** Kills every process inside our namespaces (only ours live there) and deletes them. */
export function removeNamespaces(names = listOurNamespaces()): void {
  for (const ns of names) {
    let pids: string[] = [];
    try {
      pids = ip('netns', 'pids', ns).split(/\s+/).filter(Boolean);
    } catch {
      /* already gone */
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* exited meanwhile */
      }
    }
  }
  for (const ns of names) {
    try {
      ip('netns', 'del', ns);
    } catch {
      /* already gone */
    }
  }
}

function sysctls(ns: string, ifaces: string[]): void {
  // Per namespace: these are not inherited from the host. Set "all", "default" and each
  // interface (an interface keeps the value it had when it appeared).
  const set = (key: string, v: string): void => void inNs(ns, 'sysctl', '-qw', `${key}=${v}`);
  for (const scope of ['all', 'default', ...ifaces]) {
    set(`net.ipv4.conf.${scope}.rp_filter`, '1');
    set(`net.ipv4.conf.${scope}.arp_announce`, '2');
    set(`net.ipv4.conf.${scope}.arp_ignore`, '1');
  }
}

export function createTopology(streets: number): Topology {
  const district = `${RUN}-d`;
  const names = Array.from({ length: streets }, (_, i) => `${RUN}-s${i + 1}`);
  for (const ns of [district, ...names]) {
    ip('netns', 'add', ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  for (const link of LINKS) {
    const br = `br-${link.toLowerCase()}`;
    ip('-n', district, 'link', 'add', br, 'type', 'bridge');
    ip('-n', district, 'addr', 'add', `${DISTRICT_IP[link]}/24`, 'dev', br);
    ip('-n', district, 'link', 'set', br, 'up');
  }
  names.forEach((ns, idx) => {
    const i = idx + 1;
    for (const link of LINKS) {
      const port = `p${link.toLowerCase()}${i}`;
      // Created straight into the namespaces: no interface ever appears on the host.
      ip('link', 'add', IFACE[link], 'netns', ns, 'type', 'veth', 'peer', 'name', port, 'netns', district);
      ip('-n', district, 'link', 'set', port, 'master', `br-${link.toLowerCase()}`);
      ip('-n', district, 'link', 'set', port, 'up');
      ip('-n', ns, 'addr', 'add', `${streetIp(link, i)}/24`, 'dev', IFACE[link]);
      ip('-n', ns, 'link', 'set', IFACE[link], 'up');
    }
    sysctls(ns, [IFACE.A, IFACE.B]);
  });
  sysctls(district, ['br-a', 'br-b']);
  return { district, streets: names };
}

// ---- cutting links -----------------------------------------------------------------------
export type CutKind = 'link-down' | 'iptables-drop' | 'signalling-only' | 'random-loss';

/**
 * Random loss for 'random-loss': each packet on the link dropped with this probability, both
 * ways (iptables' statistic match: `tc netem` is not available on these machines, no sch_netem,
 * so delay and jitter cannot be emulated here).
 */
export const RANDOM_LOSS = 0.3;

export interface Cut {
  kind: CutKind;
  ns: string;
  link: Link;
  restore(): void;
}

/**
 * Cuts one street's link: its interface down, or every packet on it dropped (iptables), or only
 * the TCP to the hub's port on it (the signalling socket; media on that link goes on), or a
 * random share of its packets dropped both ways ('random-loss').
 */
export function cut(ns: string, link: Link, kind: CutKind, hubPort = 4310, lossProbability = RANDOM_LOSS): Cut {
  const dev = IFACE[link];
  if (kind === 'link-down') {
    ip('-n', ns, 'link', 'set', dev, 'down');
    return { kind, ns, link, restore: () => void ip('-n', ns, 'link', 'set', dev, 'up') };
  }
  const loss = ['-m', 'statistic', '--mode', 'random', '--probability', String(lossProbability)];
  const rules: string[][] =
    kind === 'iptables-drop'
      ? [
          ['INPUT', '-i', dev, '-j', 'DROP'],
          ['OUTPUT', '-o', dev, '-j', 'DROP'],
        ]
      : kind === 'random-loss'
        ? [
            ['INPUT', '-i', dev, ...loss, '-j', 'DROP'],
            ['OUTPUT', '-o', dev, ...loss, '-j', 'DROP'],
          ]
        : [
            ['INPUT', '-i', dev, '-p', 'tcp', '--sport', String(hubPort), '-j', 'DROP'],
            ['OUTPUT', '-o', dev, '-p', 'tcp', '--dport', String(hubPort), '-j', 'DROP'],
          ];
  for (const r of rules) inNs(ns, 'iptables', '-I', ...r);
  return {
    kind,
    ns,
    link,
    restore: () => {
      for (const r of rules) inNs(ns, 'iptables', '-D', ...r);
    },
  };
}

/**
 * Whether a scenario file runs here: where namespaces are impossible it skips with a message,
 * unless CI=true (then it runs and fails, naming why). `skip` for describe.skipIf; `why` when it cannot.
 */
export function namespaceSuite(): { skip: boolean; why: string | null } {
  const inCi = process.env.CI === 'true' || process.env.CI === '1';
  const can = canUseNamespaces();
  if (!can.ok && !inCi) console.warn(`[tests/net] skipped: ${can.why}. With CI=true these scenarios run and fail instead.`);
  return { skip: !can.ok && !inCi, why: can.ok ? null : can.why };
}

/** A scenario file's figures: each printed as it is measured, and all of them once at the end. */
export function figures(): { note(name: string, value: unknown): void; summary(): void } {
  const results: Record<string, unknown> = {};
  return {
    note(name, value) {
      results[name] = value;
      console.log(`[tests/net] ${name}: ${JSON.stringify(value)}`);
    },
    summary: () => console.log(`[tests/net] summary ${JSON.stringify(results)}`),
  };
}

/** What a namespace's machine has used so far: CPU of every process in it (all its hub, Janus and Chromium processes), and bytes on its interfaces. */
export interface NsUsage {
  at: number;
  /** CPU seconds (user + system) of the processes now in the namespace. */
  cpuS: number;
  /** Bytes received and sent by the namespace's own addresses (its bridges, or its link interfaces). */
  rxBytes: number;
  txBytes: number;
}

const CLOCK_TICKS = 100;

export function nsUsage(ns: string): NsUsage {
  const inode = statSync(`/run/netns/${ns}`).ino;
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (statSync(`/proc/${d}/ns/net`).ino !== inode) continue;
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      // utime + stime; a process that ends between two readings takes its last moments with it
      // (its parent's cutime would count its whole life again).
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  // The district's addresses sit on its bridges (a street's on its link interfaces): count those, not the bridge ports too.
  const links = JSON.parse(ip('-n', ns, '-s', '-j', 'link', 'show')) as { ifname: string; stats64?: { rx: { bytes: number }; tx: { bytes: number } } }[];
  const own = links.filter((l) => /^br-|^eth-/.test(l.ifname));
  return {
    at: Date.now(),
    cpuS: ticks / CLOCK_TICKS,
    rxBytes: own.reduce((a, l) => a + (l.stats64?.rx.bytes ?? 0), 0),
    txBytes: own.reduce((a, l) => a + (l.stats64?.tx.bytes ?? 0), 0),
  };
}

/** Between two readings: CPU as a share of one core (1 = one core busy), and Mbit/s each way. */
export function usageBetween(a: NsUsage, b: NsUsage): { cpu_cores: number; in_mbps: number; out_mbps: number; span_ms: number } {
  const s = Math.max(0.001, (b.at - a.at) / 1000);
  const r = (x: number, d = 2): number => Number(x.toFixed(d));
  return {
    cpu_cores: r((b.cpuS - a.cpuS) / s),
    in_mbps: r(((b.rxBytes - a.rxBytes) * 8) / s / 1e6),
    out_mbps: r(((b.txBytes - a.txBytes) * 8) / s / 1e6),
    span_ms: b.at - a.at,
  };
}
