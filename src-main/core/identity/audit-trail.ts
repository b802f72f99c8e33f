// The audit trail: every successful write, in every capability, recorded once with who (person
// and machine), from which centre, over which transport, which method, when, and a digest of its
// params. Each record is chained to the previous one by hash:
//   hash = sha256(prev_hash + "\n" + seq, at, person_id, person_name, machine_id, street,
//                 transport, method, params_digest joined by "\n")
// followed, for records written since schema 9, by "\n" + the record's detail (outcome, reason of
// a refusal, name tried, address) as canonical JSON; older records have none and hash as before.
// So a record changed, removed or inserted in the store breaks the chain from there on. The chain
// is checked on open (a break is logged as an error) and on every audit.verify. Refusals are
// recorded too: a failed sign-in or enrolment (the name tried and why; never the password).
import { createHash } from 'node:crypto';
import type { Log } from '../capability';
import type { CallContext } from '../contract/define';
import type { AuditEntry } from '../contract/identity';
import { redactSecrets } from '../contract/rights';
import type { Store, Tx } from '../store';

/** The hash before the first record. */
export const GENESIS = '0'.repeat(64);

export interface AuditInput {
  at: number;
  personId: string | null;
  personName: string | null;
  machineId: string | null;
  street: string | null;
  transport: CallContext['transport'];
  method: string;
  params: unknown;
  /** Done or refused, why, the name tried, the caller's address. */
  detail?: AuditDetail | null;
}

export type AuditDetail = NonNullable<AuditEntry['detail']>;

export type AuditRecord = AuditEntry;

interface Row {
  seq: number;
  at: number;
  person_id: string | null;
  person_name: string | null;
  machine_id: string | null;
  street: string | null;
  transport: CallContext['transport'];
  method: string;
  params_digest: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * JSON with object keys sorted at every depth and secrets (passwords, communities) replaced, so
 * the same params always give the same text and the digest is never an unsalted hash of a password.
 */
export function canonicalJson(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    // fromEntries defines own properties: a "__proto__" key stays a key.
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, walk(x)]));
  };
  return JSON.stringify(walk(redactSecrets(value ?? {}))) ?? 'null';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function recordHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const fields = [r.seq, r.at, r.person_id ?? '', r.person_name ?? '', r.machine_id ?? '', r.street ?? '', r.transport, r.method, r.params_digest];
  if (r.detail !== null) fields.push(r.detail);
  return sha256(`${prevHash}\n${fields.map(String).join('\n')}`);
}

function fromRow(r: Row): AuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    personId: r.person_id,
    personName: r.person_name,
    machineId: r.machine_id,
    street: r.street,
    transport: r.transport,
    method: r.method,
    paramsDigest: r.params_digest,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditDetail),
    hash: r.hash,
  };
}

export interface AuditFilter {
  from?: number;
  to?: number;
  personId?: string;
  method?: string;
  limit: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

export class AuditTrail {
  constructor(
    private readonly store: Store,
    private readonly log: Log,
  ) {}

  /** Appends one record inside tx (the chain's end is read in the same transaction, so concurrent appends chain in order). */
  appendIn(tx: Tx, input: AuditInput): AuditRecord {
    const last = tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    const row: Omit<Row, 'prev_hash' | 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: input.at,
      person_id: input.personId,
      person_name: input.personName,
      machine_id: input.machineId,
      street: input.street,
      transport: input.transport,
      method: input.method,
      params_digest: sha256(canonicalJson(input.params)),
      detail: input.detail ? canonicalJson(input.detail) : null,
    };
    const prev = last?.hash ?? GENESIS;
    const hash = recordHash(prev, row);
    tx.run(
      `INSERT INTO audit (seq, at, person_id, person_name, machine_id, street, transport, method, params_digest, detail, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.seq, row.at, row.person_id, row.person_name, row.machine_id, row.street, row.transport, row.method, row.params_digest, row.detail, prev, hash],
    );
    return fromRow({ ...row, prev_hash: prev, hash });
  }

  /** Appends one record in its own write (group-committed with the others): resolves once it is durable. */
  append(input: AuditInput): Promise<AuditRecord> {
    return this.store.write((tx) => this.appendIn(tx, input));
  }

  list(filter: AuditFilter): { entries: AuditRecord[]; total: number } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.from !== undefined) (where.push('at >= ?'), params.push(filter.from));
    if (filter.to !== undefined) (where.push('at < ?'), params.push(filter.to));
    if (filter.personId !== undefined) (where.push('person_id = ?'), params.push(filter.personId));
    if (filter.method !== undefined) (where.push('method = ?'), params.push(filter.method));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit ${clause}`, params)?.n ?? 0;
    const rows = this.store.all<Row>(`SELECT * FROM audit ${clause} ORDER BY seq DESC LIMIT ?`, [...params, filter.limit]);
    return { entries: rows.map(fromRow), total };
  }

  /** Walks the whole chain: the first record whose seq, link or hash is wrong is where it broke. */
  verify(): VerifyResult {
    let prev = GENESIS;
    let expectSeq = 1;
    let checked = 0;
    // Read in pages so a long trail never sits in memory at once.
    const PAGE = 5000;
    for (;;) {
      const rows = this.store.all<Row>('SELECT * FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?', [expectSeq, PAGE]);
      for (const r of rows) {
        if (r.seq !== expectSeq || r.prev_hash !== prev || recordHash(prev, r) !== r.hash) {
          return { ok: false, checked, brokenAt: r.seq !== expectSeq ? expectSeq : r.seq };
        }
        prev = r.hash;
        expectSeq++;
        checked++;
      }
      if (rows.length < PAGE) break;
    }
    return { ok: true, checked, brokenAt: null };
  }

  /** On open: a break is an error in the log (and stays visible to audit.verify). */
  verifyOnOpen(): VerifyResult {
    const result = this.verify();
    if (!result.ok)
      this.log.error(
        `[audit] the audit trail is broken at record ${result.brokenAt} (checked ${result.checked} records before it): it was altered outside the app`,
      );
    return result;
  }
}
