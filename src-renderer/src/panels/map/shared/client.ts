// The API client for the one-map, warnings, cameras and statistics panels and their console
// forms: the page's one client (client/index.ts), or a test's stand-in.
import { pageClient, type ApiClient } from '../../../client';

let override: ApiClient | null = null;

export function sharedClient(): ApiClient {
  return override ?? pageClient();
}

/** For tests: use this client instead (null: the page's again). */
export function setSharedClient(client: ApiClient | null): void {
  override = client;
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
