// The wall's map objects asked for as the page starts (app/early-start.ts), before the app code
// has been evaluated and the map cell has mounted: on a 4K wall with 50,000 risk points the reply
// is megabytes, and it is the last thing the wall waits for. The map slice's first load takes the
// reply instead of asking again (takeEarlyMap), unless the map changed meanwhile: a change heard
// between the ask and the slice's own subscription (which replays what it hears during its load)
// would otherwise be lost, so then the slice asks afresh. Taken once; dropped when not taken soon.
import type { ApiClient, ResultOf } from '@contract/api';

type Listed = ResultOf<'map.listObjects'>;

/** An early reply not taken by then is dropped (the wall showed no map, or the link never opened). */
export const EARLY_MAP_KEEP_MS = 15_000;

interface Early {
  client: ApiClient;
  reply: Promise<Listed>;
  /** A map change was heard after the ask: the reply may predate it. */
  changed: boolean;
  stop(): void;
}

let early: Early | null = null;

/** Whether this page asks for the objects' names (a console searches them; a wall draws none). */
let withNames = true;

/**
 * A wall page asks for the map without the objects' names (app/early-start.ts, as it starts): its
 * map draws none, and a card asks for its one object. 50,000 CJK names were a third of a 4K wall's
 * reply and made the whole message two-byte text, three times as long to receive.
 */
export function leaveNamesOut(): void {
  withNames = false;
}

/** How this page asks for the whole map: packed, and without names on a wall. */
export function wholeMapParams(): { packed: true; names?: false } {
  return withNames ? { packed: true } : { packed: true, names: false };
}

/** Asks for the whole map, packed, as the map slice's load does; at most once per page. */
export function askMapEarly(client: ApiClient): void {
  if (early) return;
  const reply = client.call('map.listObjects', wholeMapParams());
  // A failed early ask is the slice's to redo, never an unhandled rejection.
  reply.catch(() => undefined);
  const entry: Early = { client, reply, changed: false, stop: () => undefined };
  const off = client.on('map.objectsChanged', () => void (entry.changed = true));
  const timer = setTimeout(() => {
    if (early === entry) early = null;
    off();
  }, EARLY_MAP_KEEP_MS);
  entry.stop = () => {
    clearTimeout(timer);
    off();
  };
  early = entry;
}

/**
 * The early reply for the map slice's load on `client` (null when there is none to take, or the map
 * changed since it was asked); an early ask that failed is asked again.
 */
export function takeEarlyMap(client: ApiClient): Promise<Listed> | null {
  const entry = early;
  if (!entry || entry.client !== client) return null;
  early = null;
  entry.stop();
  if (entry.changed) return null;
  return entry.reply.catch(() => client.call('map.listObjects', wholeMapParams()));
}
