// Every write method of the contract reaches the audit trail (issue 14: "a test enumerates the
// contract, so a new method without audit fails it").
//
// The contract is enumerated when the test runs (Object.keys(methods), not a list kept here), and
// every method is called through a dispatcher built as the core builds its own: createDispatcher
// with the identity capability's audit hook as onWrite, on a real core (real store in a temp dir).
// Only the handlers are stubs: each answers a valid result generated from its method's result
// schema, and params are generated valid from the params schema (zod-arbitrary, fixed seed), so
// every call succeeds whatever the domain would say of it. Then audit.list on the real core must
// show exactly one record for each method the contract calls a write (its right is not one of
// READ_RIGHTS, or it declares `audited: true`), none for the others, and audit.verify must be ok.
//
// The check is a function (auditEveryWrite) so that the tests at the end can show it fails for a
// write method declared `audited: false` and for a method added without a right.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods, type CallContext, type Handlers, type MethodName } from '@contract/api';
import type { MethodSpec } from '@contract/define';
import { createDispatcher, loneSurrogatePath, scopeToStreet, type Dispatcher } from '@contract/dispatch';
import { RefusedError, RpcCode, RpcError } from '@contract/errors';
import { READ_RIGHTS, Right } from '@contract/rights';
import { canonicalJson } from '../../../src-main/core/identity/audit-trail';
import { openIdentity, type Identity } from '../../../src-main/core/identity';
import { openCoreHarness, quiet, type CoreHarness } from '../../support/core-harness';
import { zodArbitrary } from '../../support/zod-arbitrary';
import { steer } from './valid-params';

const SEED = 14;
/** Samples tried per schema before giving up on finding a valid one. */
const TRIES = 300;

/** The caller of every call: a machine of a street centre, so the record's machine and street can be checked. */
const ctx: CallContext = { transport: 'ws', peer: 'audit-test', connectionId: 'audit-1', machineId: 'mch_audit_test', street: '北京街' };

/**
 * The generated acting people are nobody's, and the handlers stubs: the street machine may act as
 * any of them here (that a street acts only as its own people is street-actor.test.ts's business).
 */
const anyStreetPerson = (): boolean => true;

const specOf = (m: MethodName): MethodSpec => methods[m] as MethodSpec;
/** The contract as it stands when called (a method added at run time is in it). */
const contractMethods = (): MethodName[] => Object.keys(methods) as MethodName[];

/**
 * Whether a successful call of `m` must leave a record: the contract's own rule (rights.ts
 * READ_RIGHTS: every other right is a write right), plus the methods that say they write although
 * anybody may call them (`audited: true`, e.g. auth.setPassword). A write right with
 * `audited: false` still must: that is the declaration this test exists to catch.
 */
function mustAudit(m: MethodName): boolean {
  const spec = specOf(m);
  return !READ_RIGHTS.has(spec.right) || spec.audited === true;
}

// ---- valid values from the schemas ----------------------------------------------------------

const found = new Map<z.ZodType, unknown>();

/** A street-scoped method's params naming the caller's own street (the caller is a street centre's machine). */
function ownStreet(m: MethodName, params: unknown): unknown {
  const scope = specOf(m).street;
  if (!scope) return params;
  const path = scope.param.split('.');
  const put = (v: unknown, [key, ...rest]: string[]): unknown => ({
    ...(v as object),
    [key]: rest.length ? put((v as Record<string, unknown>)[key], rest) : ctx.street,
  });
  return put(params, path);
}

/**
 * The first value generated from `schema` (fixed seeds, in batches, at most TRIES) that passes it
 * as the dispatcher reads it; throws when none does. The same schema always gives the same value.
 */
function validValue(schema: z.ZodType, what: string, isParams: boolean): unknown {
  if (found.has(schema)) return found.get(schema);
  const arbitrary = zodArbitrary(schema, { override: steer });
  // The dispatcher reads absent params as {} and refuses lone surrogates whatever the schema.
  const passes = (v: unknown): boolean => schema.safeParse(isParams ? (v ?? {}) : v).success && (!isParams || loneSurrogatePath(v) === null);
  const BATCH = 5;
  for (let b = 0; b * BATCH < TRIES; b++) {
    const samples = fc.sample(arbitrary, { seed: SEED + b, numRuns: BATCH });
    const i = samples.findIndex(passes);
    if (i >= 0) {
      found.set(schema, samples[i]);
      return samples[i];
    }
  }
  throw new Error(`no valid ${what} among ${TRIES} generated: steer its schema in steer() of this test`);
}

// ---- the check --------------------------------------------------------------------------------

let h: CoreHarness;
let identity: Identity;

beforeEach(async () => {
  h = await openCoreHarness();
  // The identity capability on the core's own store, bus and connections: its audit hook is the
  // one the core hands its dispatcher (app.ts), writing to the trail that audit.list reads.
  // (Core exposes only sessionFor/signOut/contextFor of it.)
  identity = openIdentity({ store: h.core.store, bus: h.core.bus, connections: h.core.connections, log: quiet, dataDir: h.dir, now: Date.now, demo: false });
});

afterEach(async () => {
  await h.close();
});

/** The audit records written after seq `after`, oldest first. */
async function recordsAfter(after: number) {
  const { entries } = await h.call('audit.list', { limit: 1000 });
  return entries.filter((e) => e.seq > after).reverse();
}

async function lastSeq(): Promise<number> {
  return (await h.call('audit.list', { limit: 1 })).entries[0]?.seq ?? 0;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Calls every method of the contract once, successfully, through a dispatcher whose onWrite is
 * the identity capability's audit hook; returns what is wrong (empty: every write method is in
 * the trail exactly once, with its method, caller and params digest, and no read is).
 */
async function auditEveryWrite(): Promise<string[]> {
  const problems: string[] = [];
  const names = contractMethods();
  for (const m of names) if (!Right.safeParse(specOf(m).right).success) problems.push(`${m} names no right from Right (right: ${String(specOf(m).right)})`);

  const results = new Map<MethodName, unknown>();
  const params = new Map<MethodName, unknown>();
  for (const m of names) {
    try {
      results.set(m, validValue(specOf(m).result, `result of ${m}`, false));
      params.set(m, ownStreet(m, validValue(specOf(m).params, `params of ${m}`, true)));
    } catch (err) {
      problems.push(String(err instanceof Error ? err.message : err));
    }
  }
  const stubs = Object.fromEntries(names.map((m) => [m, () => results.get(m)])) as unknown as Handlers;
  const dispatch = createDispatcher(stubs, quiet, { onWrite: (entry) => identity.audit(entry), isStreetPerson: anyStreetPerson });

  const before = await lastSeq();
  const called: MethodName[] = [];
  for (const m of names) {
    if (!params.has(m)) continue;
    try {
      await dispatch(m, params.get(m), ctx);
      called.push(m);
    } catch (err) {
      problems.push(`${m} failed with valid params and a valid result: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const records = await recordsAfter(before);
  for (const m of called) {
    const mine = records.filter((r) => r.method === m);
    if (!mustAudit(m)) {
      if (mine.length > 0) problems.push(`${m} changes nothing (right ${specOf(m).right}) but was recorded ${mine.length} time(s)`);
      continue;
    }
    if (mine.length !== 1) {
      problems.push(`${m} writes (right ${specOf(m).right}) but is in the audit trail ${mine.length} times, not once`);
      continue;
    }
    const [r] = mine;
    // Who and from where: the caller's machine and street, over its transport.
    if (r.machineId !== ctx.machineId || r.street !== ctx.street || r.transport !== ctx.transport)
      problems.push(`${m} was recorded as from ${r.machineId}/${r.street}/${r.transport}, not from the caller`);
    // A digest of the params as the dispatcher validated them (and marked them as from the caller's
    // street, for a street-scoped method), secrets redacted by canonicalJson.
    const validated: unknown = scopeToStreet(m, specOf(m), specOf(m).params.parse(params.get(m) ?? {}), ctx);
    if (r.paramsDigest !== sha256(canonicalJson(validated))) problems.push(`${m} was recorded with a digest that is not of its params`);
  }
  // Nothing recorded that was not called.
  for (const r of records) if (!called.includes(r.method as MethodName)) problems.push(`${r.method} was recorded but not called`);

  const verify = await h.call('audit.verify');
  if (!verify.ok) problems.push(`audit.verify: the chain is broken at ${verify.brokenAt}`);
  return problems;
}

describe('the audit trail holds every write method of the contract', () => {
  it('records each write method once, with its method, caller and params, and no read', async () => {
    expect(await auditEveryWrite()).toEqual([]);
    // The contract does have writes and reads, and the chain covers every record.
    const writes = contractMethods().filter(mustAudit);
    expect(writes.length).toBeGreaterThan(50);
    expect(writes.length).toBeLessThan(contractMethods().length);
    expect((await h.call('audit.list', { limit: 1000 })).total).toBe(writes.length);
    expect(await h.call('audit.verify')).toEqual({ ok: true, checked: writes.length, brokenAt: null });
  }, 60_000);

  it('records no call that failed: a handler that throws, a refusal, invalid params, a missing right', async () => {
    const writes = contractMethods().filter(mustAudit);
    const crash = createDispatcher(
      Object.fromEntries(
        writes.map((m) => [
          m,
          () => {
            throw new Error('planted: the service fell over');
          },
        ]),
      ) as unknown as Handlers,
      quiet,
      { onWrite: (entry) => identity.audit(entry), isStreetPerson: anyStreetPerson },
    );
    const refuse = createDispatcher(
      Object.fromEntries(
        writes.map((m) => [
          m,
          () => {
            throw new RefusedError('planted: the service refused');
          },
        ]),
      ) as unknown as Handlers,
      quiet,
      { onWrite: (entry) => identity.audit(entry), isStreetPerson: anyStreetPerson },
    );
    const before = await lastSeq();
    const outcome = async (dispatch: Dispatcher, m: MethodName, params: unknown, c: CallContext = ctx): Promise<number | 'ok'> => {
      try {
        await dispatch(m, params, c);
        return 'ok';
      } catch (err) {
        return err instanceof RpcError ? err.code : -1;
      }
    };
    for (const m of writes) {
      const params = ownStreet(m, validValue(specOf(m).params, `params of ${m}`, true));
      expect(await outcome(crash, m, params), m).toBe(RpcCode.InternalError);
      expect(await outcome(refuse, m, params), m).toBe(RpcCode.Refused);
    }
    // Refused at the gate, before any handler: params that break the schema, a caller without the right.
    const withRights = createDispatcher(
      Object.fromEntries(writes.map((m) => [m, () => validValue(specOf(m).result, `result of ${m}`, false)])) as unknown as Handlers,
      quiet,
      { onWrite: (entry) => identity.audit(entry), isStreetPerson: anyStreetPerson },
    );
    const gated = writes.filter((m) => specOf(m).right !== 'public');
    for (const m of gated) {
      expect(await outcome(withRights, m, 'not an object'), m).toBe(RpcCode.InvalidParams);
      const readOnly: CallContext = { ...ctx, rights: new Set<Right>(['read']) };
      expect(await outcome(withRights, m, validValue(specOf(m).params, `params of ${m}`, true), readOnly), m).toBe(RpcCode.Forbidden);
    }
    expect(await recordsAfter(before)).toEqual([]);
    expect((await h.call('audit.verify')).ok).toBe(true);
  }, 60_000);
});

describe('the check itself', () => {
  // The contract changed at run time, as a careless edit would change it, and put back after.
  const table = methods as unknown as Record<string, MethodSpec>;

  it('fails for a write method declared `audited: false`', async () => {
    const m = contractMethods().find((n) => !READ_RIGHTS.has(specOf(n).right) && specOf(n).audited === undefined)!;
    const spec = specOf(m) as { audited?: boolean };
    spec.audited = false;
    try {
      expect(await auditEveryWrite()).toEqual([`${m} writes (right ${specOf(m).right}) but is in the audit trail 0 times, not once`]);
    } finally {
      delete spec.audited;
    }
    expect(specOf(m).audited).toBeUndefined();
  }, 60_000);

  it('fails for a method added without a right, and takes a new write method into account by itself', async () => {
    const ok = z.object({ ok: z.literal(true) });
    table['test.addedWithoutRight'] = {
      summary: 'added without a right',
      params: z.strictObject({ note: z.string().max(10) }),
      result: ok,
    } as unknown as MethodSpec;
    table['test.addedWrite'] = { summary: 'a new write', right: 'duty.write', params: z.strictObject({ note: z.string().max(10) }), result: ok };
    try {
      expect(contractMethods()).toContain('test.addedWrite');
      expect(await auditEveryWrite()).toEqual(['test.addedWithoutRight names no right from Right (right: undefined)']);
      expect((await h.call('audit.list', { method: 'test.addedWrite', limit: 10 })).total).toBe(1);
    } finally {
      delete table['test.addedWithoutRight'];
      delete table['test.addedWrite'];
    }
    expect(contractMethods()).not.toContain('test.addedWrite');
  }, 60_000);
});
