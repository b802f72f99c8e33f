// Synthetic sites (tests/support/synthetic-site.ts) in a process of their own, driven over
// stdin/stdout with a small typed protocol (one JSON object a line): `join` a site (one
// SyntheticSite per link it has, each with its own socket to the hub, its ICE on the link's address
// and only the engine's candidates on the link's subnet, as the page's sfu-link does), `publish`
// (stop or resume sending: a test can make a freeze it must see), `counts` (per site and link:
// epoch, publishing, remotes showing, frames; per remote the longest gap between frames over
// either link since the last `mark`), `mark`, `leave`.
//
// Why: werift peers in the test's own process (Playwright's, vitest's) compete with it for the
// CPU; eight of them in the e2e test played keyframes only after a Janus restart on a loaded
// machine. In a process of their own they are scheduled as any other program, and in the network
// scenarios each street's process runs inside the street's namespace (`ip netns exec`).
//
// The clip: `live` (one ffmpeg encoder for the process, RtpClip.start) or a file recorded by
// RtpClip.record (ReplayClip: no encoder at all, for eighteen processes on two cores).
//
//   const host = await SitesProcess.start({ clip: 'live' });            // or { clip: file, netns: ns }
//   await host.join({ participantId: 'beijing', links: [{ link: 'A', url: rpcUrl }], wants: 'district' });
//   const counts = await host.counts();
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { ReplayClip, RtpClip, SyntheticSite, wsRpc, type ClipSource } from './synthetic-site';

export type LinkId = 'A' | 'B';

export interface SiteLink {
  link: LinkId;
  /** The hub's /rpc socket on this link, with the site's credential (`ws://host:port/rpc?token=…`). */
  url: string;
  /** ICE on this local address only. */
  iceAddress?: string;
  /** Only the engine's candidates whose address starts with this are used (the link's subnet, "10.231.1."). */
  remotePrefix?: string;
}

export interface JoinSpec {
  participantId: string;
  links: SiteLink[];
  /** Join this consultation now; absent: wait for the first sfu consultation inviting the site (as a page left open). */
  consultationId?: string;
  /** Whose feeds to receive: the district's only (a street's load), or every other site's (default). */
  wants?: 'district' | 'others';
}

export type SitesRequest =
  | { op: 'join'; site: JoinSpec }
  | { op: 'publish'; participantId: string; on: boolean }
  | { op: 'counts' }
  | { op: 'mark' }
  | { op: 'leave'; participantId?: string };

export interface LinkCounts {
  link: LinkId;
  epoch: number;
  publishing: boolean;
  /** Remotes showing video on this link now (a keyframe on the current subscription, a packet within 1.5 s). */
  showing: string[];
  frames: Record<string, number>;
  rxBytes: number;
  txBytes: number;
  publishes: number;
}

export interface SiteCounts {
  participantId: string;
  /** Every link's site has joined the consultation. */
  joined: boolean;
  links: LinkCounts[];
  /** Per remote: its newest frame over any link, ms ago (null: none yet). */
  lastFrameAgoMs: Record<string, number | null>;
  /** Per remote: the longest time between two of its frames over either link since the last `mark` (up to now), ms. */
  maxGapMs: Record<string, number>;
}

type SitesReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
type SitesEvent = { ev: 'log'; line: string } | { ev: 'joined'; participantId: string };

// ---- the process -------------------------------------------------------------------------------
interface Hosted {
  spec: JoinSpec;
  links: SyntheticSite[];
  joined: boolean;
  last: Map<string, number>;
  gaps: Map<string, number>;
}

async function host(clipArg: string): Promise<void> {
  const clip: ClipSource = clipArg === 'live' ? await RtpClip.start() : new ReplayClip(clipArg);
  const sites = new Map<string, Hosted>();
  let markAt = performance.now();
  const send = (msg: SitesReply | SitesEvent | { ready: true; pid: number }): void => void process.stdout.write(`${JSON.stringify(msg)}\n`);
  const log = (line: string): void => send({ ev: 'log', line });
  const traceFile = process.env.SFU_TRACE;

  async function join(spec: JoinSpec): Promise<void> {
    if (sites.has(spec.participantId)) throw new Error(`${spec.participantId} has joined already`);
    const h: Hosted = { spec, links: [], joined: false, last: new Map(), gaps: new Map() };
    sites.set(spec.participantId, h);
    const onFrame = (remote: string): void => {
      const now = performance.now();
      const prev = h.last.get(remote);
      if (prev !== undefined) h.gaps.set(remote, Math.max(h.gaps.get(remote) ?? 0, now - Math.max(prev, markAt)));
      h.last.set(remote, now);
    };
    for (const l of spec.links) {
      h.links.push(
        new SyntheticSite({
          rpc: await wsRpc(l.url),
          consultationId: spec.consultationId ?? '',
          participantId: spec.participantId,
          link: l.link,
          iceAddress: l.iceAddress,
          remotePrefix: l.remotePrefix,
          clip,
          wants: (f) =>
            f.participantId !== spec.participantId && (f.link ?? l.link) === l.link && (spec.wants !== 'district' || f.participantId === 'district'),
          log: (line) => log(`${spec.participantId}.${l.link}: ${line}`),
          onFrame,
          // SFU_TRACE=<file>: every step of the site's handshakes, timed (a recovery read step by step).
          ...(traceFile ? { trace: (who: string, step: string) => appendFileSync(traceFile, `${Date.now()} ${who}.${l.link} ${step}\n`) } : {}),
        }),
      );
    }
    const started = h.links.map((s) => (spec.consultationId ? s.start() : s.awaitInvitation()));
    void Promise.all(started).then(
      () => ((h.joined = true), send({ ev: 'joined', participantId: spec.participantId })),
      (err: Error) => log(`${spec.participantId}: join: ${err.message}`),
    );
  }

  const counts = (): SiteCounts[] => {
    const now = performance.now();
    return [...sites.values()].map((h) => {
      const maxGapMs: Record<string, number> = {};
      const lastFrameAgoMs: Record<string, number | null> = {};
      const remotes = new Set(h.links.flatMap((s) => [...s.counts.keys()]));
      for (const r of remotes) {
        const last = h.last.get(r);
        lastFrameAgoMs[r] = last === undefined ? null : Math.round(now - last);
        maxGapMs[r] = Math.round(Math.max(h.gaps.get(r) ?? 0, now - Math.max(last ?? markAt, markAt)));
      }
      return {
        participantId: h.spec.participantId,
        joined: h.joined,
        lastFrameAgoMs,
        maxGapMs,
        links: h.links.map((s) => {
          const cs = [...s.counts.values()];
          return {
            link: s.o.link ?? 'A',
            epoch: s.epoch,
            publishing: s.publishingSince !== null,
            showing: s.showing(),
            frames: Object.fromEntries(cs.map((c) => [c.participantId, c.frames])),
            rxBytes: cs.reduce((n, c) => n + c.bytes, 0),
            txBytes: s.bytesSent,
            publishes: s.publishes,
          };
        }),
      };
    });
  };

  async function leave(participantId?: string): Promise<void> {
    for (const h of [...sites.values()].filter((x) => !participantId || x.spec.participantId === participantId)) {
      sites.delete(h.spec.participantId);
      await Promise.all(h.links.map((s) => s.stop().catch(() => undefined)));
    }
  }

  const handle = async (req: SitesRequest): Promise<unknown> => {
    switch (req.op) {
      case 'join':
        return join(req.site);
      case 'publish':
        for (const s of sites.get(req.participantId)?.links ?? []) s.paused = !req.on;
        return null;
      case 'counts':
        return counts();
      case 'mark':
        markAt = performance.now();
        for (const h of sites.values()) h.gaps.clear();
        return null;
      case 'leave':
        return leave(req.participantId);
    }
  };

  createInterface({ input: process.stdin }).on('line', (line) => {
    let msg: { id: number } & SitesRequest;
    try {
      msg = JSON.parse(line);
    } catch {
      return log(`not JSON: ${line.slice(0, 80)}`);
    }
    handle(msg).then(
      (result) => send({ id: msg.id, ok: true, result: result ?? null }),
      (err: Error) => send({ id: msg.id, ok: false, error: err.message }),
    );
  });
  // The parent gone (stdin closed): everything stops.
  process.stdin.on('end', () => void leave().finally(() => void clip.stop().finally(() => process.exit(0))));
  send({ ready: true, pid: process.pid });
}

if (process.argv[1]?.endsWith('synthetic-sites.ts') && process.argv[2] === 'host') {
  host(process.argv[3] ?? 'live').catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

// ---- the test's side ----------------------------------------------------------------------------
export class SitesProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly joinedWaiters = new Map<string, () => void>();
  readonly joined = new Set<string>();
  pid = 0;

  private constructor(
    readonly child: ChildProcess,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Starts the process (inside `netns` with `ip netns exec` when given) and resolves once it is
   * ready. `clip`: 'live' (its own encoder) or a file recorded by RtpClip.record.
   */
  static start(opts: {
    clip: 'live' | string;
    netns?: string;
    log?: (line: string) => void;
    priority?: number;
    readyTimeoutMs?: number;
  }): Promise<SitesProcess> {
    const node = [process.execPath, '--import', 'tsx', __filename, 'host', opts.clip];
    const child = opts.netns
      ? spawn('ip', ['netns', 'exec', opts.netns, ...node], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(node[0], node.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    const p = new SitesProcess(child, opts.log ?? (() => undefined));
    // The sites stand in for other machines (each with its own CPU): where the test may (root), they
    // are scheduled ahead of the rest of a loaded machine, encoder included (its children inherit it).
    if (opts.priority !== undefined && child.pid)
      try {
        setPriority(child.pid, opts.priority);
      } catch {
        /* not allowed: they run at the normal priority */
      }
    child.stderr!.on('data', (d: Buffer) => p.log(d.toString().trim()));
    return new Promise((resolve, reject) => {
      // Eighteen of them starting at once on a loaded two-core machine take a while (node, tsx, werift).
      const readyMs = opts.readyTimeoutMs ?? 120_000;
      const t = setTimeout(() => reject(new Error(`synthetic sites process not ready within ${readyMs / 1000} s`)), readyMs);
      child.once('exit', (code) => {
        clearTimeout(t);
        reject(new Error(`synthetic sites process exited (${code})`));
        for (const x of p.pending.values()) x.reject(new Error(`synthetic sites process exited (${code})`));
        p.pending.clear();
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let msg: SitesReply | SitesEvent | { ready: true; pid: number };
        try {
          msg = JSON.parse(line);
        } catch {
          return p.log(line);
        }
        if ('ready' in msg) return (clearTimeout(t), (p.pid = msg.pid), resolve(p));
        if ('ev' in msg) {
          if (msg.ev === 'log') return p.log(msg.line);
          p.joined.add(msg.participantId);
          return p.joinedWaiters.get(msg.participantId)?.();
        }
        const w = p.pending.get(msg.id);
        if (!w) return;
        p.pending.delete(msg.id);
        if (msg.ok) w.resolve(msg.result);
        else w.reject(new Error(msg.error));
      });
    });
  }

  private request<T>(req: SitesRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin!.write(`${JSON.stringify({ id, ...req })}\n`);
    });
  }

  /** Arms a site (its sockets open, its offers being made); resolves then. `joinedSite` waits for its joining the call. */
  join(site: JoinSpec): Promise<void> {
    return this.request({ op: 'join', site });
  }

  /** Resolves once the site has joined the consultation on every link. */
  joinedSite(participantId: string): Promise<void> {
    if (this.joined.has(participantId)) return Promise.resolve();
    return new Promise((resolve) => this.joinedWaiters.set(participantId, resolve));
  }

  publish(participantId: string, on: boolean): Promise<void> {
    return this.request({ op: 'publish', participantId, on });
  }

  counts(): Promise<SiteCounts[]> {
    return this.request({ op: 'counts' });
  }

  /** From now on, maxGapMs counts anew. */
  mark(): Promise<void> {
    return this.request({ op: 'mark' });
  }

  leave(participantId?: string): Promise<void> {
    return this.request({ op: 'leave', participantId });
  }

  /** Ends the process: stdin closed (its sites leave), SIGKILL after 3 s. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
      setTimeout(() => this.child.kill('SIGKILL'), 3000).unref();
    });
  }
}
