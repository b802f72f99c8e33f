// The building blocks of the API contract. Each method and each pushed event is declared
// once (api.ts) with runtime schemas; the IPC bridge, the IPC handlers, the JSON-RPC
// dispatcher, the OpenRPC document and the renderer's client are all derived from that.
// Runs anywhere: no Node, no Electron, no React.
import type { z } from 'zod';

/** Who is calling, for attribution in logs and records. */
export interface CallContext {
  transport: 'ipc' | 'ws' | 'local';
  /** A label for the caller: the window, or the remote address of a hub client. */
  peer: string;
  /** The live connection the call came on (see core/connections.ts), when there is one. */
  connectionId?: string;
}

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly summary: string;
  /** Parameters by name (JSON-RPC "params" as an object). */
  readonly params: P;
  readonly result: R;
}

export interface EventSpec<T extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: T;
}

export function method<P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> {
  return spec;
}

export function event<T extends z.ZodType>(spec: EventSpec<T>): EventSpec<T> {
  return spec;
}

export type MethodTable = Record<string, MethodSpec>;

/** The handlers that implement a table of methods: each gets validated params. */
export type HandlersFor<T extends MethodTable> = {
  [M in keyof T]: (params: z.output<T[M]['params']>, ctx: CallContext) => Promise<z.output<T[M]['result']>> | z.output<T[M]['result']>;
};
