// The one place where a call crosses the boundary: params are checked against the method's
// schema before any service sees them, and the result is checked before it leaves.
// Both transports (Electron IPC and the JSON-RPC hub) go through here.
import type { z } from 'zod';
import { isMethodName, methods, type CallContext, type Handlers, type MethodName } from './api';
import { RpcCode, RpcError } from './errors';

/** Formats zod issues as "field.path: message; …" so the caller learns which field is wrong. */
export function describeIssues(error: z.ZodError, root = 'params'): string {
  return error.issues.map((i) => `${[root, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
}

/** A lone UTF-16 surrogate: JSON can carry one as an escape ("\\ud800"), but it is not text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string (value or key) in `value` holding a lone surrogate, or null.
 * Walks with its own stack: params nested however deep cannot overflow the call stack.
 */
export function loneSurrogatePath(value: unknown): string[] | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (LONE_SURROGATE.test(k)) return [...path, k];
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return null;
}

export interface Dispatcher {
  (method: string, params: unknown, ctx: CallContext): Promise<unknown>;
}

export function createDispatcher(handlers: Handlers, log: { error(msg: string): void } = console): Dispatcher {
  return async (name, rawParams, ctx) => {
    if (!isMethodName(name)) throw new RpcError(RpcCode.MethodNotFound, `unknown method: ${String(name)}`);
    const spec = methods[name];
    const parsed = spec.params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      throw new RpcError(RpcCode.InvalidParams, `invalid params for ${name}: ${describeIssues(parsed.error)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    // Valid by its schema but not text: the store refuses to keep it, so refuse it here, by name.
    const bad = loneSurrogatePath(parsed.data);
    if (bad) {
      const message = 'contains a lone UTF-16 surrogate (not Unicode text)';
      throw new RpcError(RpcCode.InvalidParams, `invalid params for ${name}: ${['params', ...bad].join('.')}: ${message}`, {
        issues: [{ path: bad, message }],
      });
    }
    let result: unknown;
    try {
      const handler = handlers[name] as (p: unknown, c: CallContext) => unknown;
      result = await handler(parsed.data, ctx);
    } catch (err) {
      if (err instanceof RpcError) throw err;
      log.error(`[rpc] ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      throw new RpcError(RpcCode.InternalError, `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      // A service broke the contract: a bug on our side, never the caller's.
      log.error(`[rpc] ${name} returned a result outside its schema: ${describeIssues(checked.error, 'result')}`);
      throw new RpcError(RpcCode.InternalError, `${name} returned an invalid result`);
    }
    return checked.data;
  };
}

export type { MethodName };
