// The two roles' Node side, with no Electron in it (tested under Node, tests/unit/shell/):
//  - host: the hub started beside the desktop app's core, on the role's addresses, with its
//    bootstrap token in the user-data folder (created at first start, mode 0600);
//  - client: enrolment, spending the district's one-time code at a hub's POST /enrol.
import { join } from 'node:path';
import type { Core } from '../core/app';
import { Enrolled } from '../core/contract/identity';
import { loadToken } from '../hub/auth';
import { startHub, type Hub } from '../hub/server';
import { HOST_TOKEN_FILE, type HostRole } from './machine-role';

export interface HostHub {
  hub: Hub;
  /** Where the bootstrap token is kept (the hub rewrites it when an administrator rotates it). */
  tokenFile: string;
}

/** The hub of a host-role desktop app: the same hub as `npm run hub`, on the same data folder's core. */
export async function startHostHub(core: Core, role: HostRole, where: { userData: string; rendererDir: string }): Promise<HostHub> {
  const tokenFile = join(where.userData, HOST_TOKEN_FILE);
  const { token } = loadToken({ tokenFile }, {});
  const hub = await startHub({
    core,
    token,
    tokenFile,
    hosts: role.hosts,
    port: role.port,
    staticDir: where.rendererDir,
    mediaDir: join(where.userData, 'media'),
    recordingsDir: join(where.userData, 'recordings'),
  });
  return { hub, tokenFile };
}

/** Why an enrolment failed, for the first-run page to say in the user's language. */
export type EnrolFailure = 'unreachable' | 'refused' | 'bad-answer';
export class EnrolError extends Error {
  constructor(
    readonly reason: EnrolFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Spends a one-time enrolment code at the hub (link A, then B if A cannot be reached) and returns
 * the machine and its credential. A code the hub refuses is not tried on the other link: it may
 * be spent or wrong, and a second try would only count as another guess.
 */
export async function enrolWithHub(hubUrls: string[], code: string, name: string, timeoutMs = 8000): Promise<Enrolled> {
  let lastUnreachable = '';
  for (const base of hubUrls) {
    let res: Response;
    try {
      res = await fetch(new URL('/enrol', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code, name }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      lastUnreachable = `${base}: ${(err as Error).message}`;
      continue;
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
      throw new EnrolError('refused', message);
    }
    const parsed = Enrolled.safeParse(body);
    if (!parsed.success) throw new EnrolError('bad-answer', `${base} answered something that is not an enrolment`);
    return parsed.data;
  }
  throw new EnrolError('unreachable', `no hub answered (${lastUnreachable})`);
}
