// `npm run bench -- auth`: the cost of who-may-do-what (issue 14), against a real core (a real
// store in a temp dir, demo data loaded), through the core's own dispatcher as the hub calls it.
//
// Prints JSON lines, one per case:
//   call-overhead  the same cheap read (wall.get) dispatched N times with ctx.rights present (a
//                  signed-in leader: the rights check and the acting-person check run) and absent
//                  (unrestricted, as IPC and the bootstrap token), interleaved in FOLDS folds in the
//                  same run (each fold alternates which goes first), per-call p50 of each;
//                  target: overhead_p50_ms ≤ 0.1.
//   signin         (added by the identity capability) sign-in p95, hash cost included; target ≤ 300 ms.
//
// A case is one entry of AUTH_CASES: a function of the shared environment (one core for the
// whole run) and print. Add a case there; benchAuth runs them in order.
import { openCore, type Core } from '../../src-main/core/app';
import type { CallContext } from '@contract/api';
import { DEFAULT_ROLE_RIGHTS, type Right } from '@contract/rights';
import { tempDir } from '../support/temp-dir';

const N = Number(process.env.CW_BENCH_N ?? 20_000);
const FOLDS = 10;
const WARMUP = 2_000;
const quiet = { info() {}, warn() {}, error() {} };

/** What every case gets: one core, opened once for the run. */
export interface AuthBenchEnv {
  core: Core;
  /** Unrestricted, as IPC and the bootstrap token call. */
  unchecked: CallContext;
  /** As a signed-in 带班领导 calls (default rights of the leader role). */
  checked: CallContext;
}

export type AuthBenchCase = (env: AuthBenchEnv, print: (o: object) => void) => Promise<void>;

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The rights check's cost on a call: the same read with and without rights, interleaved. */
export const benchCallOverhead: AuthBenchCase = async ({ core, checked, unchecked }, print) => {
  const method = 'wall.get';
  const once = async (ctx: CallContext): Promise<number> => {
    const t = performance.now();
    await core.dispatch(method, {}, ctx);
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) await once(i % 2 ? checked : unchecked); // JIT warm-up, both paths
  const samples = { checked: [] as number[], unchecked: [] as number[] };
  const perFold = Math.ceil(N / FOLDS);
  for (let f = 0; f < FOLDS; f++) {
    // Alternate which goes first, so drift in the machine's load falls on both alike.
    const order: (keyof typeof samples)[] = f % 2 ? ['unchecked', 'checked'] : ['checked', 'unchecked'];
    for (const kind of order) {
      const ctx = kind === 'checked' ? checked : unchecked;
      for (let i = 0; i < perFold; i++) samples[kind].push(await once(ctx));
    }
  }
  const checkedP50 = p50(samples.checked);
  const uncheckedP50 = p50(samples.unchecked);
  print({
    bench: 'auth',
    case: 'call-overhead',
    method,
    p50_ms_checked: round(checkedP50),
    p50_ms_unchecked: round(uncheckedP50),
    overhead_p50_ms: round(checkedP50 - uncheckedP50),
    n: samples.checked.length,
    folds: FOLDS,
    target_ms: 0.1,
    pass: checkedP50 - uncheckedP50 <= 0.1,
  });
};

const SIGNINS = 50;
const SIGNIN_WARMUP = 3;

/** Sign-in as a console does it: the name's password checked (scrypt included) and a session written durably. */
export const benchSignIn: AuthBenchCase = async ({ core, unchecked }, print) => {
  const people = (await core.dispatch('duty.listPeople', {}, unchecked)) as { id: string; name: string; role: string }[];
  const person = people.find((p) => p.role === 'leader') ?? people[0];
  const password = 'bench password 1';
  await core.dispatch('auth.setPassword', { personId: person.id, password }, unchecked);
  const once = async (): Promise<number> => {
    const t = performance.now();
    await core.dispatch('auth.signIn', { name: person.name, password }, unchecked);
    return performance.now() - t;
  };
  for (let i = 0; i < SIGNIN_WARMUP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < SIGNINS; i++) samples.push(await once());
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
  print({ bench: 'auth', case: 'signin', p50_ms: round(p50(samples)), p95_ms: round(p95), n: samples.length, target_p95_ms: 300, pass: p95 <= 300 });
};

/** The cases, in the order they run; the identity capability adds `signin`. */
export const AUTH_CASES: Record<string, AuthBenchCase> = {
  'call-overhead': benchCallOverhead,
  signin: benchSignIn,
};

export async function benchAuth(print: (o: object) => void): Promise<void> {
  const tmp = tempDir('cw-bench-auth-');
  const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet, demo: true });
  const unchecked: CallContext = { transport: 'ws', peer: 'bench' };
  const checked: CallContext = {
    ...unchecked,
    rights: new Set<Right>(DEFAULT_ROLE_RIGHTS.leader),
    personId: 'per_bench',
    personName: '基准',
  };
  try {
    for (const run of Object.values(AUTH_CASES)) await run({ core, checked, unchecked }, print);
  } finally {
    await core.close();
    tmp.remove();
  }
}
