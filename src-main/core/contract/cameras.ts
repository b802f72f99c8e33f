// Camera feeds (实时监控): video sources on the intranet, as HLS playlists (played with hls.js),
// WebRTC WHEP endpoints, or RTSP cameras served as WebRTC by the media engine (Janus, contract/media.ts),
// and timed tours through them on the wall's camera panel.
//
// A source URL is either absolute (an encoder or NVR on the intranet: http://10.…/live.m3u8,
// rtsp://10.…:554/stream1) or a path on the hub (/media/<name>/index.m3u8: encoders that write HLS
// into <dataDir>/media/). The core stores sources and tours; the renderer plays them and shows each
// tile's state.
//
// RTSP: the hub makes each enabled RTSP camera a Janus streaming mountpoint (again after a Janus
// restart) and relays the viewer's handshake (`cameras.watch` → Janus's offer, `cameras.answerWatch`,
// `cameras.stopWatch`): the page never talks to Janus. The camera's PASSWORD is a secret: never
// returned (a source shows `passwordSet`), never logged (the audit trail blanks `password`). Left
// out when saving, the stored one is kept only while the URL's host and port and the user stay the
// same (re-pointing a camera never sends its password to another server); "" clears it.
import { z } from 'zod';
import { event, method } from './define';
import { Coordinates, StreetName } from './yuexiu';

export const CameraId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a camera id is lower-case letters, digits and dashes');
export const TourId = CameraId;

export const CameraKind = z.enum(['hls', 'whep', 'rtsp']);
export type CameraKind = z.infer<typeof CameraKind>;

const RTSP_URL = /^rtsps?:\/\/[^\s/@]+(\/[^\s]*)?$/;

const sourceFields = {
  id: CameraId,
  name: z.string().trim().min(1, 'a camera needs a name').max(60),
  kind: CameraKind,
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/[^\s]+|\/[^\s]*|rtsps?:\/\/[^\s]+)$/, 'a camera URL is http://…, https://…, rtsp://… or a path on the hub (/media/…)'),
  street: StreetName.nullable().default(null),
  /** Where it stands, for the map's camera layer; null keeps it off the map. */
  position: Coordinates.nullable().default(null),
  /** The map object (risk point) it watches, if any. */
  watches: z.string().max(70).nullable().default(null),
  enabled: z.boolean().default(true),
};

/** The RTSP login name (rtsp only; not a secret). */
const CameraUser = z.string().trim().max(64);

/**
 * What a client sends to `cameras.saveSource` (and, password included, what the store keeps). The
 * service also checks that the URL fits the kind (`sourceProblem`).
 */
export const CameraSourceSave = z.strictObject({
  ...sourceFields,
  user: CameraUser.optional(),
  /** RTSP only. Left out: the stored one is kept (see the header); "" clears it. */
  password: z.string().max(128).optional(),
});
export type CameraSourceSave = z.output<typeof CameraSourceSave>;
export type CameraSourceInput = z.input<typeof CameraSourceSave>;

/** What is wrong with a source whose fields each pass (the URL against the kind, the RTSP login), naming the field; null if nothing. */
export function sourceProblem(s: CameraSourceSave): { field: 'url' | 'kind' | 'user' | 'password'; message: string } | null {
  const rtspUrl = /^rtsps?:/.test(s.url);
  if (s.kind === 'rtsp' && !rtspUrl) return { field: 'url', message: 'an RTSP camera URL starts with rtsp://' };
  if (s.kind === 'rtsp' && !RTSP_URL.test(s.url))
    return { field: 'url', message: 'an RTSP camera URL is rtsp://host[:port]/path, with the user and password in their own fields (never in the URL)' };
  if (s.kind !== 'rtsp' && rtspUrl) return { field: 'kind', message: 'an rtsp:// URL needs the kind rtsp' };
  if (s.kind !== 'rtsp' && s.user) return { field: 'user', message: 'a user and password are for RTSP cameras only' };
  if (s.kind !== 'rtsp' && s.password) return { field: 'password', message: 'a user and password are for RTSP cameras only' };
  return null;
}

/** A camera source as clients see it: an RTSP camera's password is withheld, `passwordSet` says whether one is stored. */
export const CameraSource = z.object({
  ...sourceFields,
  user: CameraUser.optional(),
  passwordSet: z.boolean().optional(),
});
export type CameraSource = z.output<typeof CameraSource>;

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

/** One viewer's handshake with the media engine for an RTSP camera (relayed by the hub). */
export const WatchId = z.string().regex(/^w-[a-z0-9-]{1,60}$/, 'not a watch id of this hub');
const Sdp = z.string().min(1).max(60_000);
export const WatchOffer = z.object({ watchId: WatchId, offer: z.object({ type: z.literal('offer'), sdp: Sdp }) });
export type WatchOffer = z.infer<typeof WatchOffer>;

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
    summary:
      'Create or replace a camera source (HLS playlist, WHEP endpoint or RTSP camera). An RTSP password left out is kept unless the URL’s host or port or the user changed; "" clears it.',
    params: z.strictObject({ source: CameraSourceSave }),
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
  // The viewer handshake of an RTSP camera (media engine). Each changes nothing stored: it opens,
  // answers or ends one viewer's session on the engine, which also ends when the socket closes.
  'cameras.watch': method({
    right: 'read',
    summary:
      'Starts watching an RTSP camera through the media engine: the engine’s SDP offer (complete, no trickle) and the id of this viewer session. Ends with cameras.stopWatch or when the connection closes.',
    params: z.strictObject({ id: CameraId }),
    result: WatchOffer,
  }),
  'cameras.answerWatch': method({
    right: 'read',
    summary: 'The viewer’s SDP answer (ICE gathering complete) to the offer of cameras.watch; the picture starts.',
    params: z.strictObject({ watchId: WatchId, answer: z.strictObject({ type: z.literal('answer'), sdp: Sdp }) }),
    result: z.object({ watchId: WatchId }),
  }),
  'cameras.stopWatch': method({
    right: 'read',
    summary: 'Ends a viewer session of cameras.watch (a session already gone is not an error).',
    params: z.strictObject({ watchId: WatchId }),
    result: z.object({ watchId: WatchId }),
  }),
} as const;

export const camerasEvents = {
  'cameras.changed': event({ right: 'read', summary: 'Sources, tours or the running tour changed.', payload: CamerasState }),
} as const;
