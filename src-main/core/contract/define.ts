// The building blocks of the API contract. Each method and each pushed event is declared
// once (api.ts) with runtime schemas; the IPC bridge, the IPC handlers, the JSON-RPC
// dispatcher, the OpenRPC document and the renderer's client are all derived from that.
// Runs anywhere: no Node, no Electron, no React.
//
// One object style: a method's params are `z.strictObject` (a field the method does not know is
// refused, by name: a typo never passes silently); the records inside params, results and event
// payloads are `z.object` (one shape shared by what comes in and what goes out; `.strict()` is
// not used). Every method names the right it needs (rights.ts); the dispatcher checks it.
import type { z } from 'zod';
import type { Right } from './rights';

/** Who is calling, for attribution in logs and records, and what they may do. */
export interface CallContext {
  /** 'http': the hub's one open POST route (/enrol), which calls auth.enrol. */
  transport: 'ipc' | 'ws' | 'http' | 'local';
  /** A label for the caller: the window, or the remote address of a hub client. */
  peer: string;
  /** The live connection the call came on (see core/connections.ts), when there is one. */
  connectionId?: string;
  /**
   * The rights of the caller (rights.ts). Absent: unrestricted — the Electron IPC, in-process
   * calls and the hub's bootstrap token. Present: the dispatcher refuses a method needing a right
   * not in it (RpcCode.Forbidden).
   */
  rights?: ReadonlySet<Right>;
  /** The signed-in person (an id from duty.listPeople): the acting person of every write. */
  personId?: string;
  /** The signed-in person's name, for the methods whose acting person is a name (`actor.is: 'name'`). */
  personName?: string;
  /** The enrolled machine the call came from. */
  machineId?: string;
  /**
   * The street centre the caller belongs to (a street machine): the dispatcher holds it to the
   * methods that declare a street param (MethodSpec.street) and refuses any other street.
   */
  street?: string;
  /**
   * What a hub socket on the bootstrap token said it is when it connected: `console`, a console
   * page of the hub (browser mode: its socket opened with `?view=console`). Such a connection
   * names its acting person as the desktop host's own windows do (identity ActorRule): only by
   * signing in once any person has a password. Absent: automation (a script with the token).
   */
  page?: 'console';
}

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly summary: string;
  /** Parameters by name (JSON-RPC "params" as an object). */
  readonly params: P;
  readonly result: R;
  /** The right a caller needs (rights.ts); `read` for every method that changes nothing. */
  readonly right: Right;
  /**
   * The right when the params decide it (e.g. plans.activate at Level Ⅰ/Ⅱ needs
   * plans.activateMajor); undefined falls back to `right`. Sees validated params only, not who
   * calls: a rule about the caller belongs in the handler.
   */
  rightFor?(params: z.output<P>): Right | undefined;
  /**
   * The param naming the acting person, which must be the signed-in person when there is one
   * (CallContext.personId): an id (ActorId) or, for older methods, a name.
   */
  readonly actor?: { readonly param: string; readonly is: 'id' | 'name' };
  /**
   * Whether a successful call is handed to the audit hook (dispatch.ts onWrite). Default: when
   * its right is a write right (not in READ_RIGHTS). Set for a `public` method that still writes.
   */
  readonly audited?: boolean;
  /**
   * Street scope, checked once in the dispatcher for every method that declares it: `param` is the
   * dotted path of the param naming the street the call is about (e.g. 'report.street'). A caller
   * with a street (CallContext.street) may call the method only for its own street, else it is
   * refused (RpcCode.Forbidden, naming the street); on such a call the params in `mark` are set
   * (dotted path → value, e.g. the report's source → 'street') before the handler sees them, so
   * what a street records is marked as from it.
   */
  readonly street?: { readonly param: string; readonly mark?: Readonly<Record<string, string>> };
}

export interface EventSpec<T extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: T;
  /**
   * The right a connection must hold to hear it (rights.ts): the read right of what it reports,
   * as the method reading the same data needs. The hub checks it once, for every event and every
   * socket, against the socket's caller as it stands (dispatch.ts `mayHear`); a caller without
   * rights on its context (the bootstrap token, the app's own windows) hears everything.
   */
  readonly right: Right;
  /**
   * Street scope: the street the event concerns (e.g. the street a task is addressed to), or null
   * when it concerns no street. A caller with a street (CallContext.street) hears it only for its
   * own street; an event without `streetOf` is heard by every caller holding the right.
   */
  streetOf?(payload: z.output<T>): string | null;
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
