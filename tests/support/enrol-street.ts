// A street centre's machine enrolled at a district hub (issue 14), as every test and bench that
// joins a consultation as a street needs it: a street machine may no longer join with the
// district's bootstrap token (identity/stale-links.ts refuses it in the dispatcher), so it holds
// its own credential. The district issues the street's one-time code on its bootstrap socket
// (auth.issueEnrolCode), the street spends it at the hub's POST /enrol, and keeps only the
// credential it gets back; its /rpc socket and its pages (a link's hubUrl) carry that credential.
//
// In a test or bench:   const m = await enrolStreet(districtUrl, 'beijing');  // or '北京街'
//                       const sock = await connect(m.rpcUrl);  // joins as beijing
// districtUrl is any of the hub's addresses holding the bootstrap token (ws://h:p/rpc?token=T,
// http://h:p/?token=T), or give the token as opts.token.
//
// From another network namespace (tests/net/harness.ts: the code spent from the street's own
// addresses), the spending step runs as a process there: enrol-spend.cjs (plain JavaScript, no
// loader to start), which spendEnrolCode here is.
import WebSocket from 'ws';
import { STREET_PARTICIPANTS } from '../../src-main/core/contract/consult';
import { spendEnrolCode, type Enrolled } from './enrol-spend.cjs';

export { spendEnrolCode, type Enrolled };

export interface StreetMachine {
  /** The street's name, e.g. 北京街. */
  street: string;
  /** Its participant id in a consultation, e.g. beijing. */
  participantId: string;
  machineId: string;
  /** `cwm.…`: the only key the street's machine holds. */
  credential: string;
  /** The hub's /rpc socket address opened with the credential. */
  rpcUrl: string;
  /** The hub's page address with the credential (a link's hubUrl, a wall page to open). */
  pageUrl: string;
}

/** The street of a participant id (beijing) or name (北京街); throws naming it when it is neither. */
export function streetOf(street: string): { id: string; name: string } {
  const s = STREET_PARTICIPANTS.find((p) => p.id === street || p.name === street);
  if (!s) throw new Error(`enrolStreet: ${street} is not one of Yuexiu's 18 streets (a participant id such as beijing, or a name such as 北京街)`);
  return s;
}

/** A hub address of any form (ws or http, with or without a path and token) as its http origin and token. */
export function hubOf(url: string, token?: string): { origin: string; token: string | null } {
  const u = new URL(url);
  const protocol = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
  return { origin: `${protocol}//${u.host}`, token: token ?? u.searchParams.get('token') };
}

/** The /rpc socket and page addresses of a hub opened with a key (a machine credential or a token). */
export function urlsWith(hub: string, key: string): { rpcUrl: string; pageUrl: string } {
  const { origin } = hubOf(hub);
  const q = `token=${encodeURIComponent(key)}`;
  return { rpcUrl: `${origin.replace(/^http/, 'ws')}/rpc?${q}`, pageUrl: `${origin}/?${q}` };
}

/** One call on a hub's /rpc socket opened with `key`; its result, or throws with the hub's error. */
async function callOnce(hub: string, key: string, method: string, params: unknown, timeoutMs = 10_000): Promise<unknown> {
  const ws = new WebSocket(urlsWith(hub, key).rpcUrl);
  try {
    return await new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${method}: no answer from ${hubOf(hub).origin} within ${timeoutMs} ms`)), timeoutMs);
      const fail = (e: Error): void => (clearTimeout(t), reject(e));
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => fail(new Error(`${method}: ${hubOf(hub).origin}/rpc answered HTTP ${res.statusCode}`)));
      ws.once('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
        if (msg.id !== 1) return; // a push
        clearTimeout(t);
        if (msg.error) reject(Object.assign(new Error(`${method}: ${msg.error.message}`), { code: msg.error.code }));
        else resolve(msg.result);
      });
    });
  } finally {
    ws.close();
  }
}

/** The district issues a street's one-time enrolment code (its bootstrap token); the code. */
export async function issueStreetCode(hub: string, street: string, opts: { token?: string } = {}): Promise<string> {
  const { token } = hubOf(hub, opts.token);
  if (!token) throw new Error(`issueStreetCode: no bootstrap token in ${hub} (give opts.token)`);
  const issued = (await callOnce(hub, token, 'auth.issueEnrolCode', { kind: 'street', street: streetOf(street).name })) as { code: string };
  return issued.code;
}

/** The machine as a street keeps it: the credential and the addresses made with it. */
export function streetMachine(hub: string, enrolled: Enrolled): StreetMachine {
  const s = streetOf(enrolled.machine.street ?? '');
  return { street: s.name, participantId: s.id, machineId: enrolled.machine.id, credential: enrolled.credential, ...urlsWith(hub, enrolled.credential) };
}

/**
 * Enrols a machine for a street (participant id or name) at the district hub: the code issued
 * with the bootstrap token, spent at POST /enrol. `hub` is any address of the hub holding the
 * token (or give opts.token); opts.name is the machine's name (default "<street> 值班电脑").
 */
export async function enrolStreet(hub: string, street: string, opts: { token?: string; name?: string } = {}): Promise<StreetMachine> {
  const s = streetOf(street);
  const code = await issueStreetCode(hub, s.name, opts);
  return streetMachine(hub, await spendEnrolCode(hub, code, opts.name ?? `${s.name} 值班电脑`));
}

/** Several streets, one after the other (each its own code and machine), in the order given. */
export async function enrolStreets(hub: string, streets: readonly string[], opts: { token?: string } = {}): Promise<StreetMachine[]> {
  const out: StreetMachine[] = [];
  for (const s of streets) out.push(await enrolStreet(hub, s, opts));
  return out;
}
