// The signed-in session's id, kept for this window only (sessionStorage): a reload of the page
// resumes it (auth.resume), closing the window forgets it. It is a bearer secret, so it never
// goes to localStorage, the URL or a log. Every socket of the page follows it (ws-client.ts
// `followSession`): a sign-in, a hand-over or a sign-out stored here re-binds the page's other
// sockets (the consultation's, one per link) at once, without a reload.
import { keptValue } from './kept-value';

const KEY = 'command-wall.identity.session';

const kept = keptValue('sessionStorage', KEY);
/** This page's copy where there is no Web Storage at all: the page's own sockets still follow it. */
let memory: string | null = null;
const noStorage = (): boolean => typeof (globalThis as { sessionStorage?: unknown }).sessionStorage === 'undefined';
const listeners = new Set<(id: string | null) => void>();

/** null when none is kept (storage disabled: the sign-in lasts for the page only). */
export function storedSessionId(): string | null {
  return noStorage() ? memory : kept.read();
}

/** null forgets it; a refused write is passed over (a reload will need a new sign-in). */
export function storeSessionId(id: string | null): void {
  const before = storedSessionId();
  kept.write(id);
  memory = id;
  if (id === before) return;
  for (const l of [...listeners]) {
    try {
      l(id);
    } catch (err) {
      console.error('[identity] a follower of the session failed', err);
    }
  }
}

/** Called with the new id (null: signed out) whenever the kept session changes; returns the unsubscribe. */
export function onStoredSession(listener: (id: string | null) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
