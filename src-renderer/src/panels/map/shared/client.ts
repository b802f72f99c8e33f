// The API client for the one-map, warnings, cameras and statistics panels and their console
// forms: the page's one client (client/index.ts).
import { pageClient, type ApiClient } from '../../../client';

export function sharedClient(): ApiClient {
  return pageClient();
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
