// The one place where a call crosses the boundary: params are checked against the method's
// schema before any service sees them, and the result is checked before it leaves.
// Both transports (Electron IPC and the JSON-RPC hub) go through here. So do the rights: a caller
// whose context carries rights (a signed-in person, an enrolled machine) is refused a method
// needing a right it lacks, here and nowhere else; a caller with a street (a street centre's
// machine) is held to its own street on every method declaring a street param, and its call marked
// as from that street (define.ts `street`); and every successful write is handed to the audit hook
// before it is acknowledged. Before the rights, the composer may refuse a caller by who it is and
// how it came (DispatcherOptions.refuseCaller: a street joining with the bootstrap token).
import type { z } from 'zod';
import { events, isEventName, isMethodName, methods, type CallContext, type Handlers, type MethodName } from './api';
import type { EventSpec, MethodSpec } from './define';
import { RpcCode, RpcError } from './errors';
import { mayCall, READ_RIGHTS, redactSecrets, type Right } from './rights';

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

/** A successful write, as handed to the audit hook. */
export interface WriteEntry {
  method: MethodName;
  /** The validated params, with secrets (rights.ts SECRET_PARAM_KEYS) redacted. */
  params: unknown;
  ctx: CallContext;
  /** When the handler finished (epoch ms). */
  at: number;
}

export interface DispatcherOptions {
  /**
   * Called after every successful call of a write method (isAudited), awaited before the call
   * answers: an acknowledged write is an audited write. If it throws, the caller gets
   * InternalError (the write was done but not recorded: the log says so).
   */
  onWrite?(entry: WriteEntry): Promise<void> | void;
  /**
   * Whether the person named (by id or by name, as the method's `actor` declares) is one of the
   * street's own people: a caller with a street (a street centre's machine) acts only as one of
   * them, never as a district person. Without it, such a caller is held to no acting person at all.
   */
  isStreetPerson?(street: string, who: string, is: 'id' | 'name'): boolean;
  /**
   * Asked of every call on every transport, after its params are valid and before the rights
   * check: an RpcError refuses the call with it, null lets it on. For refusals that depend on who
   * calls and how rather than on a right (identity.staleStreetLink: a street machine joining with
   * the district's bootstrap token).
   */
  refuseCaller?(method: MethodName, params: unknown, ctx: CallContext): RpcError | null;
}

/** The right a call of `name` with these (validated) params needs. */
export function rightFor(name: MethodName, params: unknown): Right {
  const spec = methods[name] as MethodSpec;
  return spec.rightFor?.(params) ?? spec.right;
}

/** Whether a successful call of `name` is handed to the audit hook: its right writes, or it says so. */
export function isAudited(name: MethodName): boolean {
  const spec = methods[name] as MethodSpec;
  return spec.audited ?? !READ_RIGHTS.has(spec.right);
}

/** The refusal of a call lacking `right`, naming it in both languages. */
export function forbidden(name: string, right: Right): RpcError {
  return new RpcError(RpcCode.Forbidden, `forbidden: ${name} needs the right ${right} (需要权限：${right})`, { right });
}

/**
 * Whether a connection whose caller is `ctx` (as it stands now) hears the pushed event: it holds
 * the event's declared right (define.ts EventSpec.right), and a caller with a street hears a
 * street-scoped event (EventSpec.streetOf) only about its own street. A caller without rights on
 * its context (the bootstrap token, the app's own windows) hears everything, as it may call anything.
 */
export function mayHear(event: string, payload: unknown, ctx: Pick<CallContext, 'rights' | 'street'>): boolean {
  if (!isEventName(event)) return false;
  const spec = events[event] as EventSpec;
  if (!mayCall(ctx.rights, spec.right)) return false;
  if (ctx.street === undefined || !spec.streetOf) return true;
  try {
    return spec.streetOf(payload) === ctx.street;
  } catch {
    return false; // a payload outside its schema concerns no street we can name: not for a street
  }
}

/**
 * Refuses a call whose acting person (the method's `actor` param) is not the signed-in person,
 * and, from a caller with a street, one who is not of that street's own people (isStreetPerson):
 * a street machine acts as its street's people or, naming nobody, as itself.
 */
function checkActor(name: MethodName, spec: MethodSpec, params: unknown, ctx: CallContext, isStreetPerson: DispatcherOptions['isStreetPerson']): void {
  if (!spec.actor || params === null || typeof params !== 'object') return;
  const { param, is } = spec.actor;
  const given = (params as Record<string, unknown>)[param];
  if (given === undefined) return;
  if (ctx.personId !== undefined && given !== (is === 'id' ? ctx.personId : ctx.personName)) {
    throw new RpcError(RpcCode.Forbidden, `forbidden: ${name}: ${param} must be the signed-in person (以登录人身份操作)`, { param });
  }
  if (ctx.street !== undefined && !(typeof given === 'string' && isStreetPerson?.(ctx.street, given, is) === true)) {
    throw new RpcError(
      RpcCode.Forbidden,
      `forbidden: ${name}: ${param} must be one of ${ctx.street}’s own people, not a district person (params.${param}; 仅限本街道人员：${ctx.street})`,
      { param, street: ctx.street },
    );
  }
}

/** The value at a dotted path of params (e.g. 'report.street'). */
function valueAt(params: unknown, path: string): unknown {
  let v: unknown = params;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A copy of params with `value` at the dotted `path` (the objects on the way copied, never changed in place). */
function withValueAt(params: unknown, path: string[], value: unknown): unknown {
  const [key, ...rest] = path;
  const obj = params !== null && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  return { ...obj, [key]: rest.length === 0 ? value : withValueAt(obj[key], rest, value) };
}

/**
 * Street scope (define.ts `street`): a caller with a street may call a method that declares a
 * street param only for its own street, and its call is marked as from that street. Returns the
 * params the handler sees.
 */
export function scopeToStreet(name: string, spec: MethodSpec, params: unknown, ctx: CallContext): unknown {
  if (ctx.street === undefined || !spec.street) return params;
  const given = valueAt(params, spec.street.param);
  if (given !== ctx.street) {
    const asked = typeof given === 'string' ? given : '(none)';
    throw new RpcError(
      RpcCode.Forbidden,
      `forbidden: ${name}: ${ctx.street} may act for its own street only, not ${asked} (params.${spec.street.param}; 仅限本街道：${ctx.street})`,
      { street: ctx.street, param: spec.street.param },
    );
  }
  let scoped = params;
  for (const [path, value] of Object.entries(spec.street.mark ?? {})) scoped = withValueAt(scoped, path.split('.'), value);
  return scoped;
}

export function createDispatcher(handlers: Handlers, log: { error(msg: string): void } = console, options: DispatcherOptions = {}): Dispatcher {
  const { onWrite, isStreetPerson, refuseCaller } = options;
  return async (name, rawParams, ctx) => {
    if (!isMethodName(name)) throw new RpcError(RpcCode.MethodNotFound, `unknown method: ${String(name)}`);
    const spec = methods[name] as MethodSpec;
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
    // Who calls and how (an old street link), then rights, after validation (rightFor reads valid
    // params) and before the handler sees anything.
    const refused = refuseCaller?.(name, parsed.data, ctx);
    if (refused) throw refused;
    if (ctx.rights !== undefined) {
      const right = spec.rightFor?.(parsed.data) ?? spec.right;
      if (!mayCall(ctx.rights, right)) throw forbidden(name, right);
    }
    const params = scopeToStreet(name, spec, parsed.data, ctx);
    checkActor(name, spec, params, ctx, isStreetPerson);
    const handler = handlers[name] as ((p: unknown, c: CallContext) => unknown) | undefined;
    // The type demands every handler; a host built without a capability still answers by code.
    if (typeof handler !== 'function') throw new RpcError(RpcCode.MethodNotFound, `${name} is not served by this host`);
    let result: unknown;
    try {
      result = await handler(params, ctx);
    } catch (err) {
      if (err instanceof RpcError) throw err;
      log.error(`[rpc] ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      throw new RpcError(RpcCode.InternalError, `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Done: record it before saying so (even if the result then breaks its schema, the write happened).
    if (onWrite && isAudited(name)) {
      try {
        await onWrite({ method: name, params: redactSecrets(params), ctx, at: Date.now() });
      } catch (err) {
        log.error(`[rpc] ${name} was done but could not be audited: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        throw new RpcError(RpcCode.InternalError, `${name} was done but could not be recorded in the audit trail`);
      }
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
