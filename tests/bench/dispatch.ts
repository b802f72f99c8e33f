// `npm run bench -- dispatch`: command and dispatch (issue 15) over a real hub. The hub runs in a
// child process (the real core on a fresh data directory with the demo set, on loopback); 18
// street centres are connected to it as enrolled street machines (each with its own credential,
// so the hub marks their calls with their street), plus the district's console.
//
// "The street's page" here is a WebSocket client subscribed to tasks.changed (what the street's
// wall and console slices listen to), not 18 Chromium pages: 18 browsers do not fit on the bench
// machine beside the hub. Rendering is not in the figure.
//
// Prints JSON lines, one per case:
//   issue-to-street   tasks.issue sent by the district → the addressed street's socket has the
//                     tasks.changed push for it; target p95 ≤ 500 ms with 18 streets connected.
//   ack-to-district   tasks.acknowledge sent by the street → the district's socket has the push
//                     saying received.
import { join } from 'node:path';
import WebSocket from 'ws';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { tempDir } from '../support/temp-dir';
import { startDemoHubChild } from '../support/demo-hub';

const TOKEN = 'dispatch-bench-token-0123456789';
const ROUNDS = Number(process.env.CW_BENCH_N ?? 10);
const TARGET_P95_MS = 500;

interface Note {
  method: string;
  params: any;
}

/** A JSON-RPC client over ws, calls by id and every notification to `onNote`. */
class Client {
  private nextId = 1;
  private readonly pending = new Map<number, (msg: any) => void>();
  onNote: (n: Note, at: number) => void = () => {};
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const at = performance.now();
      const msg = JSON.parse(data.toString());
      if (msg.id === undefined && msg.method) this.onNote(msg, at);
      else if (typeof msg.id === 'number') {
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
      }
    });
  }

  static open(url: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }

  async call(method: string, params: object = {}): Promise<any> {
    const id = this.nextId++;
    const reply = await new Promise<any>((r) => {
      this.pending.set(id, r);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  }

  close(): void {
    this.ws.close();
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number): number => Math.round(x * 100) / 100;

/** Waits for the first notification on `client` that `match` accepts; resolves with its arrival time. */
function arrival(client: Client, match: (n: Note) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no push within 10 s')), 10_000);
    const before = client.onNote;
    client.onNote = (n, at) => {
      before(n, at);
      if (match(n)) {
        clearTimeout(t);
        client.onNote = before;
        resolve(at);
      }
    };
  });
}

export async function benchDispatch(print: (o: object) => void): Promise<void> {
  const tmp = tempDir('cw-bench-dispatch-');
  const { child, port } = await startDemoHubChild(join(tmp.dir, 'data'), TOKEN, 60_000);
  const clients: Client[] = [];
  try {
    const base = `ws://127.0.0.1:${port}/rpc`;
    const district = await Client.open(`${base}?token=${TOKEN}`);
    clients.push(district);
    const people = (await district.call('duty.listPeople')) as { id: string; role: string }[];
    const leader = people.find((p) => p.role === 'leader')!.id;

    // 18 street centres, each enrolled with a one-time code and connected with its own credential;
    // each acknowledges as one of its own street's people (a street machine may act as no other).
    const streets: { name: string; client: Client; officer: string }[] = [];
    for (const [i, { name }] of YUEXIU_STREETS.entries()) {
      const person = (await district.call('duty.savePerson', {
        person: { name: `${name}值班员`, role: 'officer', phone: `1390000${String(1000 + i)}`, unit: `${name}道办事处`, active: true },
      })) as { id: string };
      const { code } = await district.call('auth.issueEnrolCode', { kind: 'street', street: name });
      const { credential } = await district.call('auth.enrol', { code, name: `${name}分中心` });
      const client = await Client.open(`${base}?token=${encodeURIComponent(credential)}`);
      clients.push(client);
      streets.push({ name, client, officer: person.id });
    }

    const issue: number[] = [];
    const ack: number[] = [];
    let n = 0;
    for (let round_ = 0; round_ < ROUNDS + 1; round_++) {
      for (const street of streets) {
        const title = `转移低洼点群众 ${++n}`;
        const seen = arrival(street.client, (x) => x.method === 'tasks.changed' && x.params.task.title === title);
        const t0 = performance.now();
        const task = await district.call('tasks.issue', {
          task: {
            title,
            content: '组织群众转移至安置点',
            priority: 'urgent',
            addressee: { kind: 'street', name: street.name },
            deadline: Date.now() + 3600_000,
          },
          by: leader,
        });
        const t1 = await seen;
        const heard = arrival(district, (x) => x.method === 'tasks.changed' && x.params.task.id === task.id && x.params.change === 'received');
        const t2 = performance.now();
        await street.client.call('tasks.acknowledge', { id: task.id, by: street.officer });
        const t3 = await heard;
        // The first round warms the hub (JIT, statement cache) and is not counted.
        if (round_ > 0) {
          issue.push(t1 - t0);
          ack.push(t3 - t2);
        }
      }
    }
    const line = (name: string, xs: number[], extra: object = {}) =>
      print({ bench: 'dispatch', case: name, p50_ms: round(pct(xs, 50)), p95_ms: round(pct(xs, 95)), n: xs.length, streets: streets.length, ...extra });
    line('issue-to-street', issue, {
      target_p95_ms: TARGET_P95_MS,
      pass: pct(issue, 95) <= TARGET_P95_MS,
      page: 'websocket client subscribed to tasks.changed',
    });
    line('ack-to-district', ack, { target_p95_ms: TARGET_P95_MS, pass: pct(ack, 95) <= TARGET_P95_MS });
  } finally {
    for (const c of clients) c.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    tmp.remove();
  }
}
