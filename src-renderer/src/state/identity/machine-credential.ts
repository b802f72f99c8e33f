// This browser page's machine credential (issue 14), kept in localStorage under one key. The hub's
// /enrol form sends an enrolled page to `/?view=…#cw-machine=<credential>` (with a machine session
// cookie that replaced any bootstrap session): the fragment never reaches a server, and the page
// moves it here at once and takes it off the address. The page's requests and socket are admitted
// by the cookie; the credential stays here to show which machine this is and to open the hub again
// (`/?token=<credential>`) if the cookie is lost. No bootstrap token is kept anywhere on the page.
import { keptValue } from './kept-value';

export const MACHINE_STORAGE_KEY = 'command-wall.machine';
/** The fragment key hub/enrol-route.ts puts the credential under. */
export const MACHINE_FRAGMENT = 'cw-machine';

const kept = keptValue('localStorage', MACHINE_STORAGE_KEY);

export function storedMachineCredential(): string | null {
  return kept.read();
}

/** null forgets it; a refused write is passed over (the cookie still admits this page). */
export function storeMachineCredential(credential: string | null): void {
  kept.write(credential);
}

/**
 * Moves a credential handed over in the address's fragment into storage and removes it (and any
 * ?token=) from the address; true when there was one. Call once as the page starts.
 */
export function adoptMachineCredential(loc: Pick<Location, 'href'> = window.location, history: Pick<History, 'replaceState'> = window.history): boolean {
  const url = new URL(loc.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const credential = hash.get(MACHINE_FRAGMENT);
  if (!credential) return false;
  storeMachineCredential(credential);
  hash.delete(MACHINE_FRAGMENT);
  url.searchParams.delete('token');
  const rest = hash.toString();
  history.replaceState(null, '', url.pathname + url.search + (rest ? `#${rest}` : ''));
  return true;
}
