// Which page this window shows, from its URL: ?view=wall&display=N (the default),
// ?view=console, ?view=print-log (the printable duty log, opened from the console), or
// ?view=setup (the desktop app's first run, before the machine has a role).
// The Electron shell opens one wall window per display with its index.
export type View = 'wall' | 'console' | 'print-log' | 'setup';
export interface Route {
  view: View;
  display: number;
}

const MAX_DISPLAY = 15; // the contract's DisplayIndex

export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const asked = q.get('view');
  const view: View = asked === 'console' || asked === 'print-log' || asked === 'setup' ? asked : 'wall';
  const raw = Number(q.get('display') ?? '0');
  const display = Number.isInteger(raw) && raw >= 0 && raw <= MAX_DISPLAY ? raw : 0;
  return { view, display };
}
