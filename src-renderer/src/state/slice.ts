// The one way renderer state is kept (Excalidraw's actions, zustand's stores): a slice is
// declared once with `defineSlice({ name, initial, load, events, commands, live })` and made per
// page by a SliceHost around the page's client. Every slice has
//   - one run(): a command that fails leaves its error in the slice's `error` (the server's
//     message names the bad field) and resolves to null; the same command succeeding clears it;
//   - one guard against stale replies: a load overtaken by a newer load is dropped, and events
//     that arrive while a load is on its way are replayed onto its reply, so a slow reply never
//     undoes a newer change;
//   - commands registered by name, the only way a component changes state or calls the server
//     (a grep for `.call(` outside client/ and this file finds nothing else);
//   - a life while held: the first holder (a mounted screen, see context.tsx) subscribes the
//     events and loads on every (re)open of the link (missed pushes are not replayed) and whenever
//     the link starts acting for another person (client.onIdentity: a sign-in or sign-out); the
//     last release unsubscribes.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventName, PayloadOf } from '@contract/api';

export interface CommandError {
  /** The command's registered name (its i18n key is `action.<name>`). */
  command: string;
  /** The server's message as is: it names the bad field (e.g. params.preset.name). */
  message: string;
  code?: number;
  /** The JSON-RPC error's data (e.g. an import's row problems). */
  data?: unknown;
  at: number;
}

/** What every slice holds besides its own state. */
const META_NAMES = ['loaded', 'live', 'asOf', 'error'] as const satisfies readonly (keyof SliceMeta)[];

export interface SliceMeta {
  /** True once a load has succeeded since the slice was made. */
  loaded: boolean;
  /** True while the data is current: loaded since the link last opened, and the link still open. */
  live: boolean;
  /** Our clock when the data was last known current (the load, or the moment the link dropped); null before a load. */
  asOf: number | null;
  error: CommandError | null;
}

export type Change<S> = Partial<S> | ((s: S & SliceMeta) => Partial<S>);

/** What a slice's load, events and commands work with. */
export interface SliceTools<S> {
  readonly client: ApiClient;
  get(): S & SliceMeta;
  set(change: Change<S>): void;
  /** Runs a server call under a name of its own (a sub-step of a command, a refresh in an event). */
  run<T>(command: string, work: () => Promise<T>): Promise<T | null>;
  /** Reads everything again, as after a reconnect. */
  reload(): Promise<boolean>;
  now(): number;
  /** Another slice of the same page (e.g. the app slice's server clock). */
  slice<S2 extends object, C2 extends Commands>(def: SliceDef<S2, C2>): SliceOf<S2, C2>;
}

export type Commands = Record<string, (...args: any[]) => unknown>;

/** A registered command: it never throws; a refusal resolves to null and shows in `error`. */
export type Registered<C extends Commands> = {
  [K in keyof C]: (...args: Parameters<C[K]>) => Promise<Awaited<ReturnType<C[K]>> | null>;
};

export type EventHandlers<S> = {
  [E in EventName]?: (payload: PayloadOf<E>, t: SliceTools<S>) => Change<S> | void;
};

export interface SliceDef<S extends object, C extends Commands> {
  name: string;
  initial(): S;
  /**
   * Everything the slice shows, read afresh (first hold, every reopen, reload()). A part that
   * arrives first may be shown at once with `t.set` (dropped, like the reply, if a newer load has
   * started); the returned change completes it.
   */
  load?(t: SliceTools<S>): Promise<Change<S>>;
  /** The name a failed load is shown under (default `load`). */
  loadAs?: string;
  /** Pushed events, each to a change of state (or a side effect through `t`). */
  events?: EventHandlers<S>;
  /** The commands, by name; each is wrapped in run() under its name. */
  commands?(t: SliceTools<S>): C;
  /** Extra life while held (a timer, a second connection); returns its stop. */
  whileHeld?(t: SliceTools<S>): (() => void) | void;
}

export interface SliceOf<S extends object, C extends Commands> {
  readonly name: string;
  readonly store: StoreApi<S & SliceMeta>;
  readonly commands: Registered<C> & { load(): Promise<boolean>; dismissError(): void };
  /** Keeps the slice live until the returned release is called (counted: the last one stops it). */
  hold(): () => void;
}

/** Any slice's definition, where only its identity matters (a list of slices to hold or watch). */
export type AnySlice = SliceDef<any, any>;

export function defineSlice<S extends object, C extends Commands = Record<never, never>>(def: SliceDef<S, C>): SliceDef<S, C> {
  return def;
}

/** The newest refusal of any slice of the page (a console form beside it shows it, use-command.ts). */
export interface LatestError {
  slice: string;
  error: CommandError;
}

/** The slices of one page, made on first use around the page's client. */
export class SliceHost {
  readonly latestError = createStore<{ latest: LatestError | null }>()(() => ({ latest: null }));
  private readonly made = new Map<SliceDef<object, Commands>, SliceOf<object, Commands>>();
  constructor(
    readonly client: ApiClient,
    readonly now: () => number = Date.now,
  ) {}

  get<S extends object, C extends Commands>(def: SliceDef<S, C>): SliceOf<S, C> {
    const key = def as unknown as SliceDef<object, Commands>;
    let slice = this.made.get(key);
    if (!slice) {
      slice = makeSlice(def, this) as unknown as SliceOf<object, Commands>;
      this.made.set(key, slice);
    }
    return slice as unknown as SliceOf<S, C>;
  }
}

export function toCommandError(command: string, err: unknown, at: number): CommandError {
  const e = err as { message?: unknown; code?: unknown; data?: unknown } | null;
  return {
    command,
    message: typeof e?.message === 'string' ? e.message : String(err),
    code: typeof e?.code === 'number' ? e.code : undefined,
    data: e?.data,
    at,
  };
}

function makeSlice<S extends object, C extends Commands>(def: SliceDef<S, C>, host: SliceHost): SliceOf<S, C> {
  const { client, now } = host;
  const initial = def.initial();
  // A slice's own state and SliceMeta share one store: a field of the consultation slice named
  // `live` was overwritten with the meta's `false` whenever the page's socket dropped.
  const clash = META_NAMES.filter((k) => k in initial);
  if (clash.length > 0) throw new Error(`slice ${def.name}: its state may not use ${clash.join(', ')} (SliceMeta's names)`);
  const store = createStore<S & SliceMeta>()(() => ({ ...initial, loaded: false, live: false, asOf: null, error: null }));
  const get = () => store.getState();
  const set = (change: Change<S>): void => {
    const partial = typeof change === 'function' ? change(get()) : change;
    store.setState(partial as Partial<S & SliceMeta>);
  };

  const clearError = (command?: string): void => {
    if (command === undefined || get().error?.command === command) store.setState({ error: null } as Partial<S & SliceMeta>);
    const latest = host.latestError.getState().latest;
    if (latest?.slice === def.name && (command === undefined || latest.error.command === command)) host.latestError.setState({ latest: null });
  };

  async function run<T>(command: string, work: () => Promise<T>): Promise<T | null> {
    try {
      const result = await work();
      clearError(command);
      return result;
    } catch (err) {
      const error = toCommandError(command, err, now());
      store.setState({ error } as Partial<S & SliceMeta>);
      host.latestError.setState({ latest: { slice: def.name, error } });
      return null;
    }
  }

  // The stale-reply guard: each load has a generation; events heard during a load are queued for it.
  let generation = 0;
  /** Whether the link is open, as last heard while held (a load on a closed or unheard link is not live). */
  let linkOpen = false;
  const replays = new Set<(() => void)[]>();
  const receive = (apply: () => void): void => {
    for (const queue of replays) queue.push(apply);
    apply();
  };

  async function load(): Promise<boolean> {
    if (!def.load) return true;
    const mine = ++generation;
    const queue: (() => void)[] = [];
    replays.add(queue);
    try {
      // Within the load, a partial set counts only while this load is the newest.
      const loadTools: SliceTools<S> = { ...tools, set: (c) => void (mine === generation && set(c)) };
      const change = await run(def.loadAs ?? 'load', () => def.load!(loadTools));
      if (change === null) return false;
      // A newer load is on its way: its reply (with everything heard since) is the one to keep.
      if (mine !== generation) return true;
      set(change);
      store.setState({ loaded: true, live: linkOpen, asOf: now() } as Partial<S & SliceMeta>);
      for (const apply of queue) apply();
      return true;
    } finally {
      replays.delete(queue);
    }
  }

  const tools: SliceTools<S> = {
    client,
    get,
    set,
    run,
    reload: load,
    now,
    slice: (other) => host.get(other),
  };

  const registered = {} as Registered<C>;
  for (const [name, command] of Object.entries(def.commands?.(tools) ?? {})) {
    (registered as Record<string, unknown>)[name] = (...args: unknown[]) => run(name, async () => command(...args));
  }
  const commands = Object.assign(registered, {
    load,
    dismissError: () => clearError(),
  });

  let holders = 0;
  let stops: (() => void)[] = [];
  const start = (): void => {
    for (const [event, handler] of Object.entries(def.events ?? {}) as [EventName, (p: unknown, t: SliceTools<S>) => Change<S> | void][]) {
      stops.push(
        client.on(event, (payload) =>
          receive(() => {
            const change = handler(payload, tools);
            if (change) set(change);
          }),
        ),
      );
    }
    // Heard at once with the current status, so an open link loads straight away. Once it drops,
    // what the slice holds was current until now and is no longer.
    stops.push(
      client.onStatus((status) => {
        linkOpen = status === 'open';
        if (linkOpen) void load();
        else if (get().live) store.setState({ live: false, asOf: now() } as Partial<S & SliceMeta>);
      }),
    );
    // Another person (or nobody) on the same link: what was read, or refused, as the one before
    // is read again (a console machine's first loads, refused before anyone signed in).
    const onIdentity = client.onIdentity?.bind(client);
    if (onIdentity) stops.push(onIdentity(() => void (linkOpen && load())));
    const extra = def.whileHeld?.(tools);
    if (extra) stops.push(extra);
  };
  const stop = (): void => {
    linkOpen = false;
    if (get().live) store.setState({ live: false, asOf: now() } as Partial<S & SliceMeta>);
    const all = stops;
    stops = [];
    all.forEach((off) => off());
  };

  return {
    name: def.name,
    store,
    commands,
    hold() {
      if (holders++ === 0) start();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) stop();
      };
    },
  };
}
