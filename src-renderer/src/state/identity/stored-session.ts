// The signed-in session's id, kept for this window only (sessionStorage): a reload of the page
// resumes it (auth.resume), closing the window forgets it. It is a bearer secret, so it never
// goes to localStorage, the URL or a log.
import { keptValue } from './kept-value';

const KEY = 'command-wall.identity.session';

const kept = keptValue('sessionStorage', KEY);

/** null when none is kept, or storage is disabled (the sign-in then lasts for the page only). */
export function storedSessionId(): string | null {
  return kept.read();
}

/** null forgets it; a refused write is passed over (a reload will need a new sign-in). */
export function storeSessionId(id: string | null): void {
  kept.write(id);
}
