// Which person this console acts as, remembered per browser profile: the duty room's consoles
// are personal seats, and every change the server records names its author.
const KEY = 'command-wall.duty.actor';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the choice lasts for the page only
  }
}

export function rememberedActor(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function rememberActor(id: string | null): void {
  const s = storage();
  if (!s) return;
  if (id) s.setItem(KEY, id);
  else s.removeItem(KEY);
}
