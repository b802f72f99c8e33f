// Row 12 of the hardening issue: schema limits count bytes as they travel, lined up with the
// hub's frame limit, so an over-long message gets a JSON-RPC error naming the field and the
// limit instead of a WebSocket close (1009) with no answer.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { methodNames, methods, type Handlers } from '@contract/api';
import { createDispatcher } from '@contract/dispatch';
import { RpcCode, RpcError } from '@contract/errors';
import { byteLimitOf, jsonUtf8Length, MAX_FIELD_BYTES, MAX_MESSAGE_BYTES } from '@contract/limits';

const ctx = { transport: 'ws' as const, peer: 'test', connectionId: 'c1' };
const IMPORT_LIMIT = 900_000;
const CAP_LIMIT = 512 * 1024;
const BASE64_LIMIT = Math.ceil((700 * 1024) / 3) * 4;

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const refuse = () => {
    throw new Error('not under test');
  };
  return { ...(Object.fromEntries(methodNames.map((m) => [m, refuse])) as unknown as Handlers), ...overrides };
}

/** The JSON-RPC request as a client writes it, and its size on the wire. */
function frameBytes(method: string, params: unknown): number {
  return new TextEncoder().encode(JSON.stringify({ jsonrpc: '2.0', id: 4_294_967_295, method, params })).length;
}

describe('jsonUtf8Length', () => {
  it('is the UTF-8 size of the string as JSON.stringify writes it (quotes left out)', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.constantFrom(0x22, 0x5c, 0x0a, 0x00, 0x1f, 0x2028, 0xd800, 0xdfff, 0xfeff),
    );
    const str = fc.oneof(
      fc.array(unit, { maxLength: 60 }).map((cs) => String.fromCharCode(...cs)),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    fc.assert(
      fc.property(str, (s) => {
        expect(jsonUtf8Length(s)).toBe(new TextEncoder().encode(JSON.stringify(s)).length - 2);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('byte limits of large text fields', () => {
  it('refuses 890,116 CJK characters for a map import with InvalidParams naming the field and the byte limit', async () => {
    const importObjects = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'map.importObjects': importObjects }));
    const text = '北'.repeat(890_116); // under 900,000 characters, 2,670,348 bytes in UTF-8
    const err = (await dispatch('map.importObjects', { format: 'geojson', text }, ctx).catch((e: unknown) => e)) as RpcError;
    expect(err).toBeInstanceOf(RpcError);
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.text');
    expect(err.message).toContain('at most 900000 bytes in UTF-8 (this is 2670348)');
    expect(importObjects).not.toHaveBeenCalled();
  });

  it('accepts ASCII at the limit and refuses one byte more', () => {
    const params = methods['map.importObjects'].params;
    expect(params.safeParse({ format: 'csv', text: 'a'.repeat(IMPORT_LIMIT) }).success).toBe(true);
    expect(params.safeParse({ format: 'csv', text: 'a'.repeat(IMPORT_LIMIT + 1) }).success).toBe(false);
    // Escapes count: a quote travels as two bytes.
    expect(params.safeParse({ format: 'csv', text: '"'.repeat(IMPORT_LIMIT / 2) }).success).toBe(true);
    expect(params.safeParse({ format: 'csv', text: '"'.repeat(IMPORT_LIMIT / 2 + 1) }).success).toBe(false);
  });

  it('refuses a CAP document over its byte limit, naming the field', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    const xml = `<alert>${'暴'.repeat(200_000)}</alert>`; // 200,015 characters, 600,015 bytes
    const err = (await dispatch('warnings.importCap', { xml }, ctx).catch((e: unknown) => e)) as RpcError;
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.xml');
    expect(err.message).toContain(`at most ${CAP_LIMIT} bytes in UTF-8 (this is 600015)`);
    expect(methods['warnings.importCap'].params.safeParse({ xml: 'x'.repeat(CAP_LIMIT) }).success).toBe(true);
  });

  it('refuses base64 over its byte limit and accepts it at the limit', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    const by = 'per_abcdef';
    const err = (await dispatch('duty.importRoster', { fileBase64: 'A'.repeat(BASE64_LIMIT + 4), by }, ctx).catch((e: unknown) => e)) as RpcError;
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.fileBase64');
    expect(err.message).toContain(`at most ${BASE64_LIMIT} bytes`);
    expect(methods['duty.importRoster'].params.safeParse({ fileBase64: 'A'.repeat(BASE64_LIMIT), by }).success).toBe(true);
  });

  it('a request carrying any large field at its limit, written in any alphabet, fits in one hub message', () => {
    const alphabets = [
      (n: number) => 'a'.repeat(n),
      (n: number) => '"'.repeat(Math.floor(n / 2)),
      (n: number) => '\u0001'.repeat(Math.floor(n / 6)),
      (n: number) => '北'.repeat(Math.floor(n / 3)),
      (n: number) => '😀'.repeat(Math.floor(n / 4)),
    ];
    const id = 'per_' + 'x'.repeat(60);
    const requests: [string, (text: string) => Record<string, unknown>, number][] = [
      ['map.importObjects', (text) => ({ format: 'geojson', text, defaultKind: 'shelter', dryRun: true }), IMPORT_LIMIT],
      ['warnings.importCap', (xml) => ({ xml, fileName: '北'.repeat(120) }), CAP_LIMIT],
    ];
    for (const [method, params, limit] of requests)
      for (const text of alphabets.map((a) => a(limit))) {
        const p = params(text);
        expect(methods[method as 'map.importObjects'].params.safeParse(p).success, `${method} at its limit`).toBe(true);
        expect(frameBytes(method, p)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      }
    const file = 'A'.repeat(BASE64_LIMIT);
    const attach = { planId: id, name: '北'.repeat(120), mediaType: `application/${'x'.repeat(80)}`, fileBase64: file, by: id };
    expect(methods['plans.addAttachment'].params.safeParse(attach).success).toBe(true);
    expect(frameBytes('plans.addAttachment', attach)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(frameBytes('duty.importRoster', { fileBase64: file, by: id })).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  it('no string param of the contract can by itself overflow a hub message', () => {
    // Each string field needs a byte limit (utf8Max), or a character limit that stays under the
    // field budget even at 6 bytes a character (a control character travels as \u00XX), or an
    // anchored pattern with bounded repeats.
    const unbounded: string[] = [];
    const visit = (s: z.ZodType, path: string): void => {
      const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
      switch (def.type) {
        case 'object':
          for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) visit(v, `${path}.${k}`);
          return;
        case 'array':
          return visit(def.element as z.ZodType, `${path}[]`);
        case 'optional':
        case 'nullable':
        case 'default':
        case 'prefault':
        case 'readonly':
        case 'nonoptional':
        case 'catch':
          return visit(def.innerType as z.ZodType, path);
        case 'union':
          (def.options as z.ZodType[]).forEach((o, i) => visit(o, `${path}|${i}`));
          return;
        case 'record':
          visit(def.keyType as z.ZodType, `${path}{key}`);
          return visit(def.valueType as z.ZodType, `${path}{}`);
        case 'tuple':
          (def.items as z.ZodType[]).forEach((o, i) => visit(o, `${path}[${i}]`));
          return;
        case 'pipe':
          return visit(def.in as z.ZodType, path);
        case 'string': {
          const bytes = byteLimitOf(s);
          if (bytes !== null) {
            if (bytes > MAX_FIELD_BYTES) unbounded.push(`${path}: ${bytes} bytes`);
            return;
          }
          const checks = ((def.checks ?? []) as { _zod: { def: Record<string, unknown> } }[]).map((c) => c._zod.def);
          const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
          if (max !== undefined && max * 6 <= MAX_FIELD_BYTES) return;
          const boundedPattern = checks.some((c) => {
            if (c.format !== 'regex') return false;
            const src = (c.pattern as RegExp).source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
            return src.startsWith('^') && src.endsWith('$') && !/[*+]|\{\d+,\}/.test(src);
          });
          if (!boundedPattern) unbounded.push(`${path}: ${max ?? 'no'} characters`);
          return;
        }
        default:
          return;
      }
    };
    for (const name of methodNames) visit(methods[name].params as z.ZodType, name);
    expect(unbounded).toEqual([]);
  });

  it('documents the byte limits in the OpenRPC schema', async () => {
    const { openRpcDocument } = await import('@contract/openrpc');
    const doc = openRpcDocument('test') as { methods: { name: string; params: { name: string; schema: Record<string, unknown> }[] }[] };
    const text = doc.methods.find((m) => m.name === 'map.importObjects')?.params.find((p) => p.name === 'text');
    expect(text?.schema).toMatchObject({ maxLength: IMPORT_LIMIT, 'x-maxUtf8Bytes': IMPORT_LIMIT });
  });
});
