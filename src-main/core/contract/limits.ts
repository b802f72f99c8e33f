// Size limits that line the contract up with the transports. The hub refuses a WebSocket
// message over MAX_MESSAGE_BYTES (bytes on the wire), while zod's .max(n) counts UTF-16 code
// units: a string of 890,116 Chinese characters passes .max(900_000) but takes 2.6 MB in UTF-8,
// so the socket closed (1009) before any JSON-RPC error could name the field. Every large text
// field of the contract is therefore limited in bytes as it travels: the UTF-8 of its JSON text,
// escapes included (JSON.stringify writes `"`, `\` and control characters as two to six bytes,
// and a GeoJSON file is full of quotes), and each limit leaves room for the JSON-RPC envelope.
// Runs anywhere: no Node (no Buffer, no TextEncoder needed).
import { z } from 'zod';

/** The largest WebSocket message the hub accepts, in bytes (1 MiB). */
export const MAX_MESSAGE_BYTES = 1 << 20;

/** Room kept beside the largest field for the JSON-RPC envelope and the method's other params. */
export const ENVELOPE_HEADROOM_BYTES = 16 * 1024;

/** The most one string field may take in a message: a field at its limit still fits in a frame. */
export const MAX_FIELD_BYTES = MAX_MESSAGE_BYTES - ENVELOPE_HEADROOM_BYTES;

/**
 * Bytes `s` takes inside a JSON message between its quotes: the UTF-8 of what JSON.stringify
 * writes for it (`"` `\` and \b \f \n \r \t as 2 bytes, other control characters and lone
 * surrogates as a 6-byte \uXXXX escape). Counts by hand: allocates nothing, whatever the length.
 */
export function jsonUtf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) n += c === 0x22 || c === 0x5c ? 2 : 1;
      else n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    } else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < len ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** The byte limit of each check made by utf8Max (a derived schema keeps its checks). */
const byteLimitChecks = new WeakMap<object, number>();

/**
 * The byte limit utf8Max put on a string schema, or null: for tests and tools walking the
 * contract (the check stays when a schema is derived from it, e.g. by .optional() or .trim()).
 */
export function byteLimitOf(schema: z.ZodType): number | null {
  const checks = (schema._zod.def as { checks?: readonly object[] }).checks ?? [];
  for (const c of checks) {
    const max = byteLimitChecks.get(c);
    if (max !== undefined) return max;
  }
  return null;
}

/**
 * Limits a string schema to `max` bytes as it travels in a JSON message (see jsonUtf8Length).
 * The refusal names the limit and the size, then the hint if given, e.g. "an import is at most
 * 900000 bytes in UTF-8 (this is 2670348): split the file". ASCII without quotes or backslashes (base64, say) counts a byte a character.
 * Also documented in JSON Schema (OpenRPC) as maxLength (a byte limit bounds the characters too)
 * and `x-maxUtf8Bytes`. Put it last on the schema: a method called after it starts a new schema
 * that loses this documentation (though not the check).
 */
export function utf8Max<T extends z.ZodString>(schema: T, max: number, label: string, hint?: string): T {
  if (!Number.isSafeInteger(max) || max < 0 || max > MAX_FIELD_BYTES)
    throw new RangeError(`a byte limit is 0 to ${MAX_FIELD_BYTES} (MAX_MESSAGE_BYTES less the envelope), not ${max}`);
  const check = z.check<string>((ctx) => {
    // Every UTF-16 unit takes one to six bytes: a short string needs no count.
    if (ctx.value.length * 6 <= max) return;
    const bytes = jsonUtf8Length(ctx.value);
    if (bytes > max)
      ctx.issues.push({
        code: 'too_big',
        origin: 'string',
        maximum: max,
        inclusive: true,
        input: ctx.value,
        message: `${label} is at most ${max} bytes in UTF-8 (this is ${bytes})${hint ? `: ${hint}` : ''}`,
      });
  });
  byteLimitChecks.set(check, max);
  return schema.check(check).meta({ maxLength: max, 'x-maxUtf8Bytes': max }) as T;
}
