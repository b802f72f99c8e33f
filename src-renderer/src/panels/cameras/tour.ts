// Which cameras a camera panel shows now: the running tour's page, or every enabled source
// (paged when there are more than 16). Pure: the panel passes the clock.
import type { CameraSource, CamerasState } from '@contract/cameras';

/** How long a page of "all cameras" stays up when there is no tour. */
export const DEFAULT_DWELL_S = 20;
const GRID_SIZES = [1, 4, 9, 16] as const;

export interface CameraPage {
  sources: CameraSource[];
  /** Tiles on the page (1, 4, 9 or 16): the grid is its square root wide. */
  tiles: number;
  page: number;
  pages: number;
  dwellSeconds: number;
  tourName: string | null;
}

export function currentPage(state: CamerasState, nowMs: number): CameraPage {
  const tour = state.tours.find((t) => t.id === state.activeTourId) ?? null;
  const byId = new Map(state.sources.map((s) => [s.id, s]));
  const list = tour ? tour.cameraIds.map((id) => byId.get(id)).filter((s): s is CameraSource => !!s && s.enabled) : state.sources.filter((s) => s.enabled);
  const tiles = tour ? tour.tiles : (GRID_SIZES.find((n) => n >= list.length) ?? 16);
  const dwellSeconds = tour ? tour.dwellSeconds : DEFAULT_DWELL_S;
  const pages = Math.max(1, Math.ceil(list.length / tiles));
  const page = pages === 1 ? 0 : Math.floor(nowMs / 1000 / dwellSeconds) % pages;
  return { sources: list.slice(page * tiles, page * tiles + tiles), tiles, page, pages, dwellSeconds, tourName: tour?.name ?? null };
}
