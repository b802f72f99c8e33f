// fast-check arbitraries generated from zod 4 schemas, by walking each schema's definition
// (`schema._zod.def`). Values are what a client could send as JSON: no undefined inside arrays,
// no NaN or Infinity, no Dates. Checks a generator cannot aim at (refinements, superRefine) are
// left to the schema: the value generated may then fail it, which a fuzz test wants some of.
// Options steer generation where plain randomness rarely passes (an `override` per schema or
// path, a `pool` of strings seen in results for patterned strings such as ids).
import fc from 'fast-check';
import type { z } from 'zod';

export type Path = readonly (string | number)[];

export interface ZodArbitraryOptions {
  /**
   * Consulted at every node first: an arbitrary to use instead of the generated one, which
   * `generated()` gives (to adjust it rather than replace it).
   */
  override?: (schema: z.ZodType, path: Path, generated: () => fc.Arbitrary<unknown>) => fc.Arbitrary<unknown> | undefined;
  /**
   * Strings seen elsewhere (e.g. in results), in tiers for a path, most fitting first. A string
   * schema with a pattern picks one of those matching it about half the time (mostly from the
   * first tier that has one), so ids of records that exist get used. Read at generation time:
   * the pool may grow between runs. Return the same array objects while they do not change.
   */
  pool?: (path: Path) => readonly (readonly string[])[];
  /** Longest string made where the schema allows longer (default 40). */
  maxStringLength?: number;
  /** Most items added to an array beyond its minimum (default 4). */
  maxExtraItems?: number;
  /** How many lazy schemas deep to go before choosing the shortest way out (default 4). */
  maxLazyDepth?: number;
}

interface Ctx extends Required<Omit<ZodArbitraryOptions, 'override' | 'pool'>> {
  override?: ZodArbitraryOptions['override'];
  pool?: ZodArbitraryOptions['pool'];
  lazyDepth: number;
  /** Strings of a pool tier matching a pattern, by tier (the same array while it is unchanged). */
  poolMatches: WeakMap<readonly string[], Map<string, string[]>>;
}

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] };

const defOf = (s: z.ZodType): Def => s._zod.def as unknown as Def;
const checksOf = (d: Def): Record<string, unknown>[] => (d.checks ?? []).map((c) => c._zod.def);

/** True where an object may leave the key out (optional, or with a default). */
export function isOptionalKey(s: z.ZodType): boolean {
  return (s._zod as { optin?: string }).optin === 'optional';
}

/**
 * Characters that make strings interesting: CJK, accents, emoji, escapes, controls, RTL, BOM.
 * No lone surrogates: they are not text, and the dispatcher refuses them whatever the schema
 * (mutate() sends some).
 */
const oddChar = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(
    'é',
    'ß',
    'Ω',
    '😀',
    '👩‍👩‍👧',
    '\u0000',
    '\u0007',
    '\n',
    '\t',
    '"',
    '\\',
    '\u2028',
    '\u202e',
    '\ufeff',
    ' ',
    '　',
    '<',
    '>',
    '&',
    "'",
    '%',
    '{',
    '$',
  ),
);
const char = fc.oneof({ arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 3 }, { arbitrary: oddChar, weight: 1 });

function plainString(min: number, max: number): fc.Arbitrary<string> {
  // Length is counted in UTF-16 units, as zod does: cut what a multi-unit character pushed over
  // (never inside a surrogate pair).
  return fc.array(char, { minLength: min, maxLength: Math.max(min, max) }).map((cs) => {
    let s = cs.join('');
    if (s.length > max) s = s.slice(0, /[\ud800-\udbff]/.test(s[max - 1] ?? '') ? max - 1 : max);
    return s;
  });
}

function poolPick(ctx: Ctx, path: Path, key: string, test: (s: string) => boolean, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const pool = ctx.pool;
  if (!pool) return fallback;
  const matching = (tier: readonly string[]): string[] => {
    let byKey = ctx.poolMatches.get(tier);
    if (!byKey) ctx.poolMatches.set(tier, (byKey = new Map()));
    let m = byKey.get(key);
    if (!m) byKey.set(key, (m = tier.filter(test)));
    return m;
  };
  return fc.tuple(fc.nat(), fc.nat(), fallback, fc.nat(3)).map(([i, t, generated, dice]) => {
    if (dice === 0) return generated;
    const tiers = pool(path)
      .map(matching)
      .filter((m) => m.length > 0);
    if (tiers.length === 0) return generated;
    // Half the picks from the first tier, the rest spread over all of them.
    const tier = t % 2 === 0 ? tiers[0] : tiers[(t >> 1) % tiers.length];
    return tier[i % tier.length];
  });
}

function stringArb(s: z.ZodType, d: Def, path: Path, ctx: Ctx): fc.Arbitrary<string> {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  let format: string | undefined;
  for (const c of checksOf(d)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
    else if (c.check === 'max_length') max = Math.min(max, c.maximum as number);
    else if (c.check === 'length_equals') min = max = c.length as number;
    else if (c.check === 'string_format') {
      if (c.pattern instanceof RegExp) patterns.push(c.pattern);
      if (c.format !== 'regex') format = c.format as string;
    }
  }
  const bag = (s._zod as { bag?: { maximum?: number } }).bag;
  if (typeof bag?.maximum === 'number') max = Math.min(max, bag.maximum);
  const cap = Math.min(max, Math.max(min, ctx.maxStringLength));
  let base: fc.Arbitrary<string>;
  if (format === 'uuid' || format === 'guid') base = fc.uuid();
  else if (format === 'email') base = fc.emailAddress();
  else if (format === 'url') base = fc.webUrl();
  else if (patterns.length > 0) {
    // fast-check cannot aim at i, g or y: a case-sensitive match also matches case-insensitively.
    const re = patterns[0];
    const anchored = new RegExp(re.source, re.flags.replace(/[giy]/g, ''));
    base = fc.stringMatching(anchored, { maxLength: Number.isFinite(max) ? max : ctx.maxStringLength * 4 });
    const test = (v: string): boolean => v.length >= min && v.length <= max && patterns.every((p) => new RegExp(p.source, p.flags.replace('g', '')).test(v));
    return poolPick(ctx, path, patterns.map((p) => `${p.source}/${p.flags}`).join('&') + `#${min}-${max}`, test, base);
  } else base = plainString(min, cap);
  return base;
}

const INT32 = 2 ** 31 - 1;

function numberArb(d: Def): fc.Arbitrary<number> {
  let min = -Number.MAX_VALUE;
  let max = Number.MAX_VALUE;
  let minExcluded = false;
  let maxExcluded = false;
  let int = false;
  let multipleOf: number | undefined;
  for (const c of checksOf(d)) {
    if (c.check === 'greater_than') {
      const v = c.value as number;
      if (v > min || (v === min && !c.inclusive)) [min, minExcluded] = [v, !c.inclusive];
    } else if (c.check === 'less_than') {
      const v = c.value as number;
      if (v < max || (v === max && !c.inclusive)) [max, maxExcluded] = [v, !c.inclusive];
    } else if (c.check === 'number_format') {
      const f = c.format as string;
      if (f === 'safeint' || f === 'int32' || f === 'uint32') int = true;
      if (f === 'safeint') [min, max] = [Math.max(min, Number.MIN_SAFE_INTEGER), Math.min(max, Number.MAX_SAFE_INTEGER)];
      if (f === 'int32') [min, max] = [Math.max(min, -INT32 - 1), Math.min(max, INT32)];
      if (f === 'uint32') [min, max] = [Math.max(min, 0), Math.min(max, 2 ** 32 - 1)];
    } else if (c.check === 'multiple_of') multipleOf = c.value as number;
  }
  if (multipleOf !== undefined && Number.isInteger(multipleOf) && multipleOf > 0) int = true;
  if (int) {
    const lo = Math.max(Number.MIN_SAFE_INTEGER, Math.ceil(minExcluded ? min + 1 : min));
    const hi = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(maxExcluded ? max - 1 : max));
    if (lo > hi) return fc.constant(lo);
    const m = multipleOf !== undefined && Number.isInteger(multipleOf) && multipleOf > 0 ? multipleOf : 1;
    const toMultiple = (v: number): number => Math.min(hi, Math.max(lo, Math.round(v / m) * m));
    const smallLo = Math.max(lo, -1000);
    const small = fc.integer({ min: smallLo, max: Math.min(hi, smallLo + 2000) });
    return fc.oneof(small, fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi)).map(toMultiple);
  }
  return fc.oneof(
    fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...[min, max, 0, 1, -1, 0.5].filter((v) => (minExcluded ? v > min : v >= min) && (maxExcluded ? v < max : v <= max))),
  );
}

function objectArb(d: Def, path: Path, ctx: Ctx): fc.Arbitrary<Record<string, unknown>> {
  const shape = d.shape as Record<string, z.ZodType>;
  const arbs: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, s] of Object.entries(shape)) {
    arbs[key] = arb(s, [...path, key], ctx, true);
    if (!isOptionalKey(s)) required.push(key);
  }
  return fc.record(arbs, { requiredKeys: required, noNullPrototype: true }).map((o) => {
    // An optional key given as undefined would vanish in JSON anyway: leave it out.
    for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    return o;
  });
}

/** The arbitrary for one schema node; `inObject` says an optional value is a key left out. */
function arb(s: z.ZodType, path: Path, ctx: Ctx, inObject = false): fc.Arbitrary<unknown> {
  const o = ctx.override?.(s, path, () => generic(s, path, ctx, inObject));
  return o ?? generic(s, path, ctx, inObject);
}

function generic(s: z.ZodType, path: Path, ctx: Ctx, inObject: boolean): fc.Arbitrary<unknown> {
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return stringArb(s, d, path, ctx);
    case 'number':
      return numberArb(d);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'array': {
      let min = 0;
      let max = Infinity;
      for (const c of checksOf(d)) {
        if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
        else if (c.check === 'max_length') max = Math.min(max, c.maximum as number);
        else if (c.check === 'length_equals') min = max = c.length as number;
      }
      return fc.array(arb(d.element as z.ZodType, [...path, 0], ctx), { minLength: min, maxLength: Math.min(max, min + ctx.maxExtraItems) });
    }
    case 'object':
      return objectArb(d, path, ctx);
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map((opt) => arb(opt, path, ctx, inObject)));
    case 'intersection':
      return fc
        .tuple(arb(d.left as z.ZodType, path, ctx), arb(d.right as z.ZodType, path, ctx))
        .map(([l, r]) => (l && r && typeof l === 'object' && typeof r === 'object' ? { ...l, ...r } : l));
    case 'tuple': {
      const items = (d.items as z.ZodType[]).map((it, i) => arb(it, [...path, i], ctx));
      const rest = d.rest ? fc.array(arb(d.rest as z.ZodType, [...path, items.length], ctx), { maxLength: ctx.maxExtraItems }) : fc.constant([]);
      return fc.tuple(fc.tuple(...items), rest).map(([a, b]) => [...a, ...b]);
    }
    case 'record': {
      const keyDef = defOf(d.keyType as z.ZodType);
      const value = arb(d.valueType as z.ZodType, [...path, '*'], ctx);
      if (keyDef.type === 'enum' || keyDef.type === 'literal') {
        // zod 4 wants every key of an enum-keyed record.
        const keys = keyDef.type === 'enum' ? Object.values(keyDef.entries as Record<string, string>) : (keyDef.values as string[]);
        return fc.record(Object.fromEntries(keys.map((k) => [String(k), value])), { noNullPrototype: true });
      }
      return fc.dictionary(arb(d.keyType as z.ZodType, [...path, '*key'], ctx) as fc.Arbitrary<string>, value, {
        maxKeys: ctx.maxExtraItems,
        noNullPrototype: true,
      });
    }
    case 'map':
    case 'set':
    case 'date':
    case 'bigint':
    case 'symbol':
    case 'file':
    case 'function':
    case 'promise':
      throw new Error(`zod-arbitrary: a ${d.type} at ${path.join('.') || '(root)'} cannot travel as JSON`);
    case 'optional':
      return inObject ? arb(d.innerType as z.ZodType, path, ctx) : fc.option(arb(d.innerType as z.ZodType, path, ctx), { nil: undefined });
    case 'default':
    case 'prefault':
      // A default fills in a missing value: send the value, or (in an object) leave the key out.
      return inObject ? arb(d.innerType as z.ZodType, path, ctx) : fc.option(arb(d.innerType as z.ZodType, path, ctx), { nil: undefined });
    case 'nullable':
      return fc.option(arb(d.innerType as z.ZodType, path, ctx, inObject), { nil: null });
    case 'readonly':
    case 'nonoptional':
    case 'catch':
    case 'success':
      return arb(d.innerType as z.ZodType, path, ctx, inObject);
    case 'pipe':
      // The input side is what a client sends; a transform's output is not.
      return arb(d.in as z.ZodType, path, ctx, inObject);
    case 'lazy': {
      if (ctx.lazyDepth >= ctx.maxLazyDepth) return fc.constant(null);
      const inner = { ...ctx, lazyDepth: ctx.lazyDepth + 1 };
      return fc.constant(null).chain(() => arb((d.getter as () => z.ZodType)(), path, inner, inObject));
    }
    case 'template_literal':
      return fc.stringMatching(new RegExp((s._zod as { pattern?: RegExp }).pattern ?? /^.*$/));
    case 'never':
      return fc.constant(undefined);
    case 'unknown':
    case 'any':
    case 'custom':
    case 'transform':
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An arbitrary of values meant to pass `schema` (refinements aside), as a client would send them. */
export function zodArbitrary(schema: z.ZodType, options: ZodArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const ctx: Ctx = {
    maxStringLength: options.maxStringLength ?? 40,
    maxExtraItems: options.maxExtraItems ?? 4,
    maxLazyDepth: options.maxLazyDepth ?? 4,
    override: options.override,
    pool: options.pool,
    lazyDepth: 0,
    poolMatches: new WeakMap(),
  };
  return arb(schema, [], ctx);
}

// ---- values that are wrong --------------------------------------------------------------------

/** Keys a careless merge or lookup trips on. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

/** Sets a key as an own, enumerable property, even "__proto__" (as JSON.parse does). */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON values of every kind, with hostile and extreme ones among them. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 2, 0.1, '', ' ', '0', 'null', 'undefined', '[object Object]', [], {}, [[[[]]]], ['a']),
  plainString(0, 20),
  fc.constantFrom('x'.repeat(10_001), '北'.repeat(70_000), '\u0000'.repeat(1000), '\ud800'.repeat(100), '😀'.repeat(5000)),
  fc.constantFrom(...HOSTILE_KEYS).map((k) => {
    const o: Record<string, unknown> = {};
    setOwn(o, k, { polluted: true });
    return o;
  }),
);

/** Every path to a node of a JSON value (the root is []). */
export function pathsOf(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...path, k], out);
  return out;
}

function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function at(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

export type Mutation = 'drop-key' | 'extra-key' | 'hostile-key' | 'replace' | 'huge-string' | 'odd-string' | 'not-an-object';

/**
 * Mutations of a valid value: a key left out, an extra or hostile key added, a node replaced by
 * a value of another kind, a string made huge or odd, or the whole value replaced. Hostile keys
 * are own properties, as JSON.parse makes them.
 */
export function mutate(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ mutation: Mutation; value: unknown }> {
  const kind = fc.constantFrom<Mutation>('drop-key', 'extra-key', 'hostile-key', 'replace', 'huge-string', 'odd-string', 'not-an-object');
  const huge = fc.constantFrom('x'.repeat(100_001), '北'.repeat(400_000), `${'"'.repeat(300_000)}`, '\u0000'.repeat(50_000));
  return fc
    .tuple(
      valid,
      kind,
      fc.nat(),
      junkValue,
      fc.constantFrom(...HOSTILE_KEYS),
      fc.string({ minLength: 1, maxLength: 12 }),
      huge,
      fc.oneof(plainString(1, 30), fc.constantFrom('\ud800', 'a\udfff', '\udc00\ud800')),
    )
    .map(([v, mutation, pick, junk, hostile, extraName, hugeString, odd]) => {
      const value = cloneJson(v);
      const paths = pathsOf(value);
      const objects = paths.filter((p) => {
        const n = at(value, p);
        return n !== null && typeof n === 'object' && !Array.isArray(n);
      });
      const strings = paths.filter((p) => typeof at(value, p) === 'string');
      switch (mutation) {
        case 'drop-key': {
          const withKeys = objects.filter((p) => Object.keys(at(value, p) as object).length > 0);
          if (withKeys.length === 0) return { mutation, value: junk };
          const o = at(value, withKeys[pick % withKeys.length]) as Record<string, unknown>;
          const keys = Object.keys(o);
          delete o[keys[pick % keys.length]];
          return { mutation, value };
        }
        case 'extra-key':
        case 'hostile-key': {
          if (objects.length === 0) return { mutation, value: junk };
          setOwn(at(value, objects[pick % objects.length]) as Record<string, unknown>, mutation === 'hostile-key' ? hostile : extraName, junk);
          return { mutation, value };
        }
        case 'replace': {
          const inner = paths.filter((p) => p.length > 0);
          if (inner.length === 0) return { mutation, value: junk };
          const p = inner[pick % inner.length];
          (at(value, p.slice(0, -1)) as Record<string | number, unknown>)[p[p.length - 1]] = junk;
          return { mutation, value };
        }
        case 'huge-string':
        case 'odd-string': {
          if (strings.length === 0) return { mutation, value: junk };
          const p = strings[pick % strings.length];
          const s = mutation === 'huge-string' ? hugeString : `${String(at(value, p))}${odd}`;
          if (p.length === 0) return { mutation, value: s };
          (at(value, p.slice(0, -1)) as Record<string | number, unknown>)[p[p.length - 1]] = s;
          return { mutation, value };
        }
        case 'not-an-object':
        default:
          return { mutation, value: junk };
      }
    });
}
