// The media engine (媒体引擎): Janus, started and supervised by the hub when switched on (hub flag
// `--janus`, or COMMAND_WALL_JANUS=1). It serves RTSP cameras as WebRTC (streaming plugin) and is
// the SFU of the whole-district consultation. Clients only read its health; they never talk to
// Janus itself (its API secret stays in the hub).
import { z } from 'zod';
import { LinkId } from './centre';
import { ConsultationId, ParticipantId, SFU_MAX_SITES } from './consult';
import { event, method } from './define';
import { Timestamp } from './primitives';

/**
 * - `disabled`: supervision is not switched on for this hub (RTSP cameras cannot be watched).
 * - `missing`: the janus binary is not installed (未安装); the rest of the app works.
 * - `starting`: spawned, its WebSocket not answering yet.
 * - `running`: answering, the hub connected to it.
 * - `restarting`: it died (or never answered); started again after a back-off.
 * - `failed`: it failed to come up several times in a row; still retried, at the longest back-off.
 */
export const MediaState = z.enum(['disabled', 'missing', 'starting', 'running', 'restarting', 'failed']);
export type MediaState = z.infer<typeof MediaState>;

export const MediaHealth = z.object({
  state: MediaState,
  /** The running (or starting) process, if any. */
  pid: z.number().int().nullable(),
  /** When the process last came up (answered); null while not running. */
  upSince: Timestamp.nullable(),
  /** Times it was started again after dying since the hub started. */
  restarts: z.number().int().min(0),
  /** The last thing that went wrong (an exit, a timeout, a refused mountpoint), for the console. */
  lastError: z.string().max(500).nullable(),
  /** RTSP cameras with a mountpoint on the running engine / cameras that should have one. */
  mountpoints: z.object({ ready: z.number().int().min(0), wanted: z.number().int().min(0) }),
});
export type MediaHealth = z.infer<typeof MediaHealth>;

// ---- the whole-district consultation through the SFU (consultations in mode "sfu") -------------
// The hub keeps one Janus VideoRoom room per live sfu consultation (its id, secret and pin made by
// the hub, never given out), made again after every Janus restart (`epoch` then changes) and
// destroyed when the consultation ends. A site joins (`media.sfuJoin`, checked against the
// invitation and, for a street machine, its own street), publishes once per link
// (`media.sfuPublish`: its complete offer in, Janus's answer out) and subscribes to the feeds it
// wants, several in one connection (`media.sfuSubscribe` → Janus's offer, `media.sfuAnswer`). The hub relays every handshake
// through janode, so a site never needs Janus's port or secrets. `media.sfuFeeds` is pushed to the
// joined connections whenever the room's feeds change or the room is made again: a site whose
// publisher is missing from a new epoch publishes again, and subscribes again to what it lost.

/** A published stream in a room: `<participant>.<link>` (one per site per link). */
export const SfuFeedId = z.string().regex(/^(district|[a-z]{2,20}|dept-[a-z0-9-]{1,30})\.(A|B)$/, 'a feed id is a participant id, a dot and a link (A or B)');
export const SfuSubscriptionId = z.string().regex(/^sub-[a-f0-9]{18}$/, 'not a subscription id of this hub');
const Sdp = z.string().min(1).max(60_000);

export const SfuFeed = z.object({ feed: SfuFeedId, participantId: ParticipantId, link: LinkId });
export type SfuFeed = z.infer<typeof SfuFeed>;

export const SfuRoom = z.object({
  consultationId: ConsultationId,
  /** Changes every time the room is made (again): a new epoch means every handshake must be made again. */
  epoch: z.number().int().min(0),
  /** Whether the room exists on the running engine now (false while Janus restarts). */
  ready: z.boolean(),
  feeds: z.array(SfuFeed),
  /** The site Janus hears loudest now (its audio-level events: talking, by average level); null: nobody talking. */
  activeSpeaker: ParticipantId.nullable(),
  /** Sites the host muted (media.sfuMute): Janus drops their sound. */
  muted: z.array(ParticipantId),
  /** Whether the room records now (media.setRecording). */
  recording: z.boolean(),
});
export type SfuRoom = z.infer<typeof SfuRoom>;

// ---- recordings of sfu consultations (<dataDir>/recordings/<consultationId>/) ---------------------
// Janus records each publisher's streams (.mjr); when the consultation ends (and at the hub's next
// start for one whose hub died) each site's recording is made playable: janus-pp-rec, then ffmpeg
// muxes picture and sound into one .webm per site and publishing session.
/**
 * - `recording`: the consultation is live and Janus is writing it.
 * - `processing`: waiting for or in janus-pp-rec and ffmpeg.
 * - `ready`: playable (`url`).
 * - `failed`: could not be made playable (`error`).
 */
export const RecordingStatus = z.enum(['recording', 'processing', 'ready', 'failed']);
export type RecordingStatus = z.infer<typeof RecordingStatus>;
export const Recording = z.object({
  /** `<feed>-<start µs>`: the site, its link and when it started publishing. */
  id: z.string(),
  participantId: ParticipantId,
  link: LinkId,
  startedAt: Timestamp,
  status: RecordingStatus,
  durationMs: z.number().int().min(0).nullable(),
  size: z.number().int().min(0).nullable(),
  /** Whether the playable file has picture / sound (known once ready). */
  video: z.boolean(),
  audio: z.boolean(),
  error: z.string().nullable(),
  /** The hub's download path (same origin as the page; the caller's right is checked again there); null until ready. */
  url: z.string().nullable(),
});
export type Recording = z.infer<typeof Recording>;
export const RecordingList = z.object({ consultationId: ConsultationId, recording: z.boolean(), items: z.array(Recording) });
export type RecordingList = z.infer<typeof RecordingList>;

const SfuSite = { consultationId: ConsultationId, participantId: ParticipantId };

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const mediaMethods = {
  'media.sfuJoin': method({
    right: 'consult.join',
    summary: 'Joins this connection to an sfu consultation’s room as an invited participant: the room’s feeds now, and media.sfuFeeds from then on.',
    params: z.strictObject(SfuSite),
    result: SfuRoom,
  }),
  'media.sfuPublish': method({
    right: 'consult.join',
    summary:
      'Publishes this site’s stream on one link: its complete SDP offer in, the media engine’s answer out (a previous publisher of the same site and link is replaced).',
    params: z.strictObject({ ...SfuSite, link: LinkId, offer: z.strictObject({ type: z.literal('offer'), sdp: Sdp }) }),
    result: z.object({ feed: SfuFeedId, epoch: z.number().int(), answer: z.object({ type: z.literal('answer'), sdp: z.string() }) }),
  }),
  'media.sfuSubscribe': method({
    right: 'consult.join',
    summary:
      'Subscribes to feeds of the room in one connection (one stream per feed): the media engine’s complete offer (answer it with media.sfuAnswer) and which stream (mid) carries which feed.',
    params: z.strictObject({
      ...SfuSite,
      feeds: z
        .array(SfuFeedId)
        .min(1, 'name at least one feed')
        .max(2 * SFU_MAX_SITES),
    }),
    result: z.object({
      subscriptionId: SfuSubscriptionId,
      epoch: z.number().int(),
      offer: z.object({ type: z.literal('offer'), sdp: z.string() }),
      streams: z.array(z.object({ mid: z.string(), feed: SfuFeedId })),
    }),
  }),
  'media.sfuAnswer': method({
    right: 'consult.join',
    summary: 'The subscriber’s SDP answer to the offer of media.sfuSubscribe; media starts flowing.',
    params: z.strictObject({ subscriptionId: SfuSubscriptionId, answer: z.strictObject({ type: z.literal('answer'), sdp: Sdp }) }),
    result: z.object({ subscriptionId: SfuSubscriptionId }),
  }),
  'media.sfuUnsubscribe': method({
    right: 'consult.join',
    summary: 'Ends one subscription of this connection.',
    params: z.strictObject({ subscriptionId: SfuSubscriptionId }),
    result: z.object({ subscriptionId: SfuSubscriptionId }),
  }),
  'media.sfuLeave': method({
    right: 'consult.join',
    summary: 'This site leaves the room: its publishers and this connection’s subscriptions end (also when the connection closes).',
    params: z.strictObject(SfuSite),
    result: z.object({ ok: z.literal(true) }),
  }),
  'media.setRecording': method({
    right: 'consult.host',
    summary:
      'Starts or stops recording an sfu consultation’s room (every site’s picture and sound); kept across media engine restarts. Made playable when the consultation ends.',
    params: z.strictObject({ consultationId: ConsultationId, recording: z.boolean() }),
    result: z.object({ consultationId: ConsultationId, recording: z.boolean() }),
  }),
  'media.listRecordings': method({
    right: 'read',
    summary: 'The recordings of a consultation, per site: status (recording, processing, ready, failed), duration, size and download path.',
    params: z.strictObject({ consultationId: ConsultationId }),
    result: RecordingList,
  }),
  'media.sfuMute': method({
    right: 'consult.host',
    summary: 'The host mutes (or unmutes) a site’s sound in an sfu consultation, for everyone (enforced by the media engine).',
    params: z.strictObject({ consultationId: ConsultationId, site: ParticipantId, muted: z.boolean() }),
    result: z.object({ consultationId: ConsultationId, muted: z.array(ParticipantId) }),
  }),
  'media.getSfuRoom': method({
    right: 'read',
    summary: 'An sfu consultation’s room: epoch, readiness and published feeds.',
    params: z.strictObject({ consultationId: ConsultationId }),
    result: SfuRoom,
  }),
  'media.getHealth': method({
    right: 'read',
    summary: 'The media engine’s (Janus) health: state, pid, uptime, restarts, last error, camera mountpoints.',
    params: z.strictObject({}),
    result: MediaHealth,
  }),
} as const;

export const mediaEvents = {
  'media.healthChanged': event({ right: 'read', summary: 'The media engine’s state, restarts, last error or mountpoints changed.', payload: MediaHealth }),
  'media.sfuFeeds': event({
    right: 'consult.join',
    summary: 'An sfu consultation’s room changed (a feed published or gone, the room made again): sent only to the connections joined to it.',
    payload: SfuRoom,
  }),
  'media.recordingsChanged': event({
    right: 'read',
    summary: 'A consultation’s recordings changed (recording switched, a site’s file processed or failed): list them again.',
    payload: z.object({ consultationId: ConsultationId }),
  }),
} as const;
