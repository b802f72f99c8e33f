// On a wall page, fetch a panel's code as the page starts, while it waits for its first data
// (the WebSocket, the presets), instead of after: it saves the better part of a second before
// the map shows. Only for the map and statistics panels, which most walls show; on a wall
// without them it costs one download and parse of their code.
import { parseRoute } from '../app/route';

export function prefetchOnWall(load: () => Promise<unknown>): void {
  if (typeof window === 'undefined' || parseRoute(window.location.search).view !== 'wall') return;
  // Not at idle: a starting wall is busy until its panels draw, so idle would come too late.
  void load().catch(() => undefined);
}
