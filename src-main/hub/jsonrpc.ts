// JSON-RPC 2.0 framing over one text message: parsing, batches, notifications and error
// objects. The calls themselves go to the contract's dispatcher, which validates params.
// A malformed message gets an error reply; it never throws out of here.
import type { CallContext } from '../core/contract/api';
import type { Dispatcher } from '../core/contract/dispatch';
import { RpcCode, RpcError } from '../core/contract/errors';

type Id = string | number | null;
export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

const MAX_BATCH = 100;
/**
 * A batch's replies together stay under this: past it the remaining calls are answered with an
 * error instead of run, so one message cannot make the hub serialise tens of megabytes at once.
 */
export const MAX_BATCH_REPLY_BYTES = 4 << 20;

/** Lets timers and other sockets run between the calls of a batch. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function errorResponse(id: Id, err: RpcError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: err.toJSON() };
}

function validId(id: unknown): id is Id {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

async function handleOne(req: unknown, dispatch: Dispatcher, ctx: CallContext): Promise<JsonRpcResponse | null> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    return errorResponse(null, new RpcError(RpcCode.InvalidRequest, 'a request must be a JSON object'));
  }
  const r = req as Record<string, unknown>;
  const hasId = 'id' in r;
  const id: Id = hasId && validId(r.id) ? r.id : null;
  if (r.jsonrpc !== '2.0') return errorResponse(id, new RpcError(RpcCode.InvalidRequest, 'jsonrpc must be "2.0"'));
  if (typeof r.method !== 'string' || r.method.length === 0)
    return errorResponse(id, new RpcError(RpcCode.InvalidRequest, 'method must be a non-empty string'));
  if (hasId && !validId(r.id)) return errorResponse(null, new RpcError(RpcCode.InvalidRequest, 'id must be a string, a number or null'));
  if (r.params !== undefined && (typeof r.params !== 'object' || r.params === null)) {
    return errorResponse(id, new RpcError(RpcCode.InvalidRequest, 'params must be an object or an array'));
  }
  if (Array.isArray(r.params)) {
    return errorResponse(id, new RpcError(RpcCode.InvalidParams, `${r.method} takes its params by name: send an object, not an array`));
  }
  try {
    const result = await dispatch(r.method, r.params ?? {}, ctx);
    return hasId ? { jsonrpc: '2.0', id, result } : null;
  } catch (err) {
    if (!hasId) return null; // notifications get no reply, not even an error
    return errorResponse(id, err instanceof RpcError ? err : new RpcError(RpcCode.InternalError, String(err)));
  }
}

/**
 * Handles one incoming text message; resolves to the text to send back, or null for none.
 * `abandoned` tells a batch that its client has gone, so the rest of it is not worked on.
 */
/**
 * One message (a call or a batch). `abandoned` stops a batch whose client is gone; `caughtUp`,
 * awaited before each call of a batch, holds the rest while the client is far behind reading.
 */
export async function handleMessage(
  text: string,
  dispatch: Dispatcher,
  ctx: CallContext,
  abandoned: () => boolean = () => false,
  caughtUp: () => Promise<void> = () => Promise.resolve(),
): Promise<string | null> {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (err) {
    return JSON.stringify(errorResponse(null, new RpcError(RpcCode.ParseError, `parse error: ${(err as Error).message}`)));
  }
  if (Array.isArray(msg)) {
    if (msg.length === 0) return JSON.stringify(errorResponse(null, new RpcError(RpcCode.InvalidRequest, 'an empty batch is not a request')));
    if (msg.length > MAX_BATCH) return JSON.stringify(errorResponse(null, new RpcError(RpcCode.InvalidRequest, `a batch holds at most ${MAX_BATCH} requests`)));
    // Sequential on purpose: calls in a batch may depend on each other's writes.
    const replies: string[] = [];
    let bytes = 0;
    for (const req of msg) {
      await caughtUp();
      if (abandoned()) return null;
      if (bytes > MAX_BATCH_REPLY_BYTES) {
        const id = typeof req === 'object' && req !== null && 'id' in req && validId((req as { id: unknown }).id) ? (req as { id: Id }).id : null;
        replies.push(
          JSON.stringify(
            errorResponse(id, new RpcError(RpcCode.Refused, `this batch's replies passed ${MAX_BATCH_REPLY_BYTES} bytes; send the rest in another batch`)),
          ),
        );
        continue;
      }
      const reply = await handleOne(req, dispatch, ctx);
      if (reply) {
        const text = JSON.stringify(reply);
        bytes += text.length;
        replies.push(text);
      }
      await yieldToLoop();
    }
    return replies.length > 0 ? `[${replies.join(',')}]` : null;
  }
  const reply = await handleOne(msg, dispatch, ctx);
  return reply ? JSON.stringify(reply) : null;
}

export function notification(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}
