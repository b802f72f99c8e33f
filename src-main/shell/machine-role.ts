// The desktop app's role on this machine (issue 14), chosen at first run and kept in one file of
// the user-data folder, `machine-role.json`:
//
//  - host:   the core and the hub, listening on this machine's link addresses (the district's
//            server, or a one-PC centre). Its own windows talk to the core over IPC; street
//            centres, wall PCs and consoles elsewhere reach it over the hub. The bootstrap token
//            is kept in `hub-token` beside it (mode 0600), for first set-up and automation.
//  - client: no core, no store: the windows talk to a hub over its WebSocket API, on link A or
//            link B (tried in turn), presenting this machine's enrolled credential (kept with
//            safeStorage, shell/machine-credential.ts). Wall PCs, consoles and street machines.
//
// No file yet: the first-run page (view=setup) asks. Plain Node, no Electron: tested under Node.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const ROLE_FILE = 'machine-role.json';
export const HOST_TOKEN_FILE = 'hub-token';
/** The hub's default port, as `npm run hub` uses. */
export const DEFAULT_HUB_PORT = 4310;

const Address = z
  .string()
  .trim()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/, 'an IPv4 or IPv6 address, e.g. 10.1.1.1');

/** A hub's address on one link, as the district console shows it: http(s)://host:port (no path, no token). */
const HubUrl = z
  .string()
  .trim()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.search === '' && (u.pathname === '/' || u.pathname === '');
    } catch {
      return false;
    }
  }, 'a hub address such as http://10.1.1.1:4310 (no path, no token)');

export const HostRole = z.strictObject({
  role: z.literal('host'),
  /** The addresses the hub listens on: one per link; 127.0.0.1 alone serves this machine only. */
  hosts: z.array(Address).min(1, 'at least one address to listen on').max(4),
  port: z.number().int().min(1).max(65535).default(DEFAULT_HUB_PORT),
});
export type HostRole = z.infer<typeof HostRole>;

export const ClientRole = z.strictObject({
  role: z.literal('client'),
  /** The hub on link A, then on link B. */
  hubUrls: z.array(HubUrl).min(1, 'the hub’s address on at least one link').max(2),
  /** Who the hub enrolled this machine as (shown in the title; the credential itself is kept apart). */
  machine: z.strictObject({ id: z.string().min(1).max(80), kind: z.string().min(1).max(20), name: z.string().max(80), street: z.string().max(40).nullable() }),
});
export type ClientRole = z.infer<typeof ClientRole>;

export const MachineRole = z.discriminatedUnion('role', [HostRole, ClientRole]);
export type MachineRole = z.infer<typeof MachineRole>;

export class RoleFileError extends Error {}

/** The role chosen on this machine, or null at first run. A damaged file is an error, never a silent first run. */
export function readMachineRole(userData: string): MachineRole | null {
  const path = join(userData, ROLE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new RoleFileError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RoleFileError(`${path} is not JSON: fix it or delete it to choose the role again`);
  }
  const parsed = MachineRole.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new RoleFileError(`${path} is not a valid role (${where}): fix it or delete it to choose the role again`);
  }
  return parsed.data;
}

/** Writes the role atomically (a power cut leaves the old file or the new one, never half of one). */
export function writeMachineRole(userData: string, role: MachineRole): MachineRole {
  const checked = MachineRole.parse(role);
  mkdirSync(userData, { recursive: true });
  const path = join(userData, ROLE_FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  return checked;
}

/** Forgets the role: the next start asks again (the machine's credential is forgotten by the caller). */
export function forgetMachineRole(userData: string): void {
  rmSync(join(userData, ROLE_FILE), { force: true });
}

/** The JSON-RPC socket URLs of a client's hubs, link A first, with the machine's credential. */
export function clientSocketUrls(role: ClientRole, credential: string): string[] {
  return role.hubUrls.map((u) => {
    const url = new URL('/rpc', u);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', credential);
    return url.href;
  });
}
