// The signed-in session's id, kept for this window only (sessionStorage): a reload of the page
// resumes it (auth.resume), closing the window forgets it. It is a bearer secret, so it never
// goes to localStorage, the URL or a log.
const KEY = 'command-wall.identity.session';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: the sign-in lasts for the page only
  }
}

export function storedSessionId(): string | null {
  try {
    return storage()?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeSessionId(id: string | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (id) s.setItem(KEY, id);
    else s.removeItem(KEY);
  } catch {
    // full or refused: a reload will need a new sign-in
  }
}
