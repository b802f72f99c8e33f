// The API client for the one-map, warnings, cameras and statistics panels and their console
// forms. The app's store keeps its client to itself (state/store.ts), so these panels share one
// of their own per page: created on first use, never more than one. Inside Electron it is the
// same preload bridge; in browser mode it is a second WebSocket to the same hub.
// (If the app's store ever hands out its client, this is the one line to change.)
import { createClient, type ApiClient } from '../../../client';

let shared: ApiClient | null = null;

export function sharedClient(): ApiClient {
  shared ??= createClient();
  return shared;
}

/** For tests: use this client instead. */
export function setSharedClient(client: ApiClient | null): void {
  shared = client;
}

/** The message of a refused call, as the server said it (it names the field). */
export function errorMessage(err: unknown): string {
  const e = err as { message?: unknown };
  return typeof e?.message === 'string' ? e.message : String(err);
}

/** Runs `load` now and after every reconnect (events missed while down are not replayed). */
export function onEveryOpen(client: ApiClient, load: () => void): () => void {
  return client.onStatus((s) => {
    if (s === 'open') load();
  });
}
