// Camera feeds (实时监控): video sources on the intranet, as HLS playlists (played with hls.js) or
// WebRTC WHEP endpoints, and timed tours through them on the wall's camera panel.
//
// A source URL is either absolute (an encoder or NVR on the intranet: http://10.…/live.m3u8) or
// a path on the hub (/media/<name>/index.m3u8: encoders that write HLS into <dataDir>/media/).
// The core stores sources and tours; the renderer plays them and shows each tile's state.
import { z } from 'zod';
import { event, method } from './define';
import { Coordinates, StreetName } from './yuexiu';

export const CameraId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a camera id is lower-case letters, digits and dashes');
export const TourId = CameraId;

export const CameraKind = z.enum(['hls', 'whep']);
export type CameraKind = z.infer<typeof CameraKind>;

export const CameraSource = z.strictObject({
  id: CameraId,
  name: z.string().trim().min(1, 'a camera needs a name').max(60),
  kind: CameraKind,
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, 'a camera URL is http://…, https://… or a path on the hub (/media/…)'),
  street: StreetName.nullable().default(null),
  /** Where it stands, for the map's camera layer; null keeps it off the map. */
  position: Coordinates.nullable().default(null),
  /** The map object (risk point) it watches, if any. */
  watches: z.string().max(70).nullable().default(null),
  enabled: z.boolean().default(true),
});
export type CameraSource = z.output<typeof CameraSource>;
export type CameraSourceInput = z.input<typeof CameraSource>;

/** Tiles per page on the camera panel. */
export const TourTiles = z.union([z.literal(1), z.literal(4), z.literal(9), z.literal(16)]);

export const CameraTour = z
  .strictObject({
    id: TourId,
    name: z.string().trim().min(1, 'a tour needs a name').max(40),
    /** The sources it shows, in order; pages of `tiles` each. */
    cameraIds: z.array(CameraId).min(1, 'a tour shows at least one camera').max(256),
    tiles: TourTiles.default(4),
    /** Seconds each page stays up. */
    dwellSeconds: z.number().int().min(5, 'a page stays up at least 5 s').max(3600),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.cameraIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['cameraIds', i], message: `camera ${id} is listed twice` });
      seen.add(id);
    });
  });
export type CameraTour = z.output<typeof CameraTour>;
export type CameraTourInput = z.input<typeof CameraTour>;

export const CamerasState = z.object({
  sources: z.array(CameraSource),
  tours: z.array(CameraTour),
  /** The tour the camera panels run; null shows every enabled source, paged if need be. */
  activeTourId: TourId.nullable(),
});
export type CamerasState = z.infer<typeof CamerasState>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const camerasMethods = {
  'cameras.get': method({
    right: 'read',
    summary: 'Camera sources, tours and the active tour.',
    params: z.strictObject({}),
    result: CamerasState,
  }),
  'cameras.saveSource': method({
    right: 'cameras.configure',
    summary: 'Create or replace a camera source (HLS playlist or WHEP endpoint).',
    params: z.strictObject({ source: CameraSource }),
    result: CamerasState,
  }),
  'cameras.removeSource': method({
    right: 'cameras.configure',
    summary: 'Remove a camera source; refused while a tour shows it.',
    params: z.strictObject({ id: CameraId }),
    result: CamerasState,
  }),
  'cameras.saveTour': method({
    right: 'cameras.configure',
    summary: 'Create or replace a timed tour through camera sources.',
    params: z.strictObject({ tour: CameraTour }),
    result: CamerasState,
  }),
  'cameras.removeTour': method({
    right: 'cameras.configure',
    summary: 'Remove a tour; if it was running the panels show every enabled source.',
    params: z.strictObject({ id: TourId }),
    result: CamerasState,
  }),
  'cameras.runTour': method({
    right: 'wall.control',
    summary: 'Run a tour on the camera panels, or none (null) to show every enabled source.',
    params: z.strictObject({ id: TourId.nullable() }),
    result: CamerasState,
  }),
} as const;

export const camerasEvents = {
  'cameras.changed': event({ summary: 'Sources, tours or the running tour changed.', payload: CamerasState }),
} as const;
