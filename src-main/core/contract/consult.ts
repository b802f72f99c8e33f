// Video consultation (视频会商): consultations, and WebRTC signalling relayed between centres.
//
// How an endpoint uses this file (src-renderer/src/consult/ is the one implementation):
// - It keeps TWO sockets to the district hub, one per network link (the hubUrl of link A and of
//   link B in this centre's configuration), and makes every call below on both. The hub relays
//   each message to every socket of its target, so a message usually arrives two to four times:
//   the receiver drops repeats by `msgId`. Losing one socket (one link) loses nothing.
// - `consult.join` on each socket (and again after each reconnect) binds the socket to the
//   participant in that consultation; `consult.signal` and `consult.control` go only to the
//   sockets bound to their target. `consult.presence` says who is joined, on which links.
// - Media flows peer to peer, one WebRTC connection per remote participant per link (mode
//   "dual"), so the hub going away does not stop a running call; only new connections wait for
//   the sockets to come back. Mode "single" is the plain one-connection baseline for comparison.
// - The wall endpoint reports its state (`consult.report`) about once a second; consoles show it
//   from `consult.getStatus` and steer the endpoint with `consult.control`.
import { z } from 'zod';
import { LinkId, type CentreInfo } from './centre';
import { event, method } from './define';
import { YUEXIU_STREETS } from './yuexiu';

// ---- who takes part ------------------------------------------------------------------
/**
 * A participant: "district" (the district centre, always the host), a street centre by its
 * slug ("liuhua" for 流花街, see STREET_PARTICIPANTS), or a department ("dept-…").
 */
export const ParticipantId = z
  .string()
  .regex(
    /^(district|[a-z]{2,20}|dept-[a-z0-9-]{1,30})$/,
    'a participant id is "district", a street slug such as "liuhua", or "dept-" and lower-case letters, digits and dashes',
  );
export type ParticipantId = z.infer<typeof ParticipantId>;

export const HOST_PARTICIPANT = 'district';

/** The 18 street centres as participants: slug from the English name, Chinese name for display. */
export const STREET_PARTICIPANTS: readonly { id: string; name: string; nameEn: string }[] = YUEXIU_STREETS.map((s) => ({
  id: s.nameEn.replace(/ Street$/, '').toLowerCase(),
  name: s.name,
  nameEn: s.nameEn,
}));

/**
 * The participant a centre takes part as: the district centre is "district"; a street centre is
 * the street its name begins with (e.g. "流花街应急指挥分中心" → "liuhua"). Null when the name names
 * no Yuexiu street: the operator must fix this centre's name first.
 */
export function participantIdOf(centre: Pick<CentreInfo, 'level' | 'name'>): string | null {
  if (centre.level === 'district') return HOST_PARTICIPANT;
  const street = STREET_PARTICIPANTS.find((s) => centre.name.trim().startsWith(s.name));
  return street ? street.id : null;
}

/** A mesh sends every site's video to every other site: about six sites is its limit (README). */
export const MESH_MAX_SITES = 6;
/** Through the SFU (mode "sfu", Janus's VideoRoom) the whole district: the district and its 18 streets. */
export const SFU_MAX_SITES = 19;

export const ConsultationId = z.string().regex(/^cs_[A-Za-z0-9_-]{4,60}$/, 'not a consultation id of this system');
/** Identifies one page load of an endpoint: a new session means "forget my old connections". */
export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a session id is 6 to 40 letters, digits, _ or -');
/** Unique per message from one sender; the receiver drops repeats (both links carry each one). */
export const MsgId = z.string().regex(/^[A-Za-z0-9_.:-]{6,80}$/, 'a message id is 6 to 80 letters, digits or _ . : -');

/**
 * "dual" and "single": the peer-to-peer mesh (at most MESH_MAX_SITES). "sfu": every site publishes
 * once to the hub's media engine (a Janus VideoRoom room per consultation) and receives the others
 * from it (media.sfu* methods, at most SFU_MAX_SITES).
 */
export const MediaMode = z.enum(['dual', 'single', 'sfu']);
export type MediaMode = z.infer<typeof MediaMode>;

export const Participant = z.object({
  id: ParticipantId,
  name: z.string(),
  /** First time one of its endpoints joined; null while it never has. */
  joinedAt: z.number().nullable(),
  /** Its last explicit leave; null while it is in the call (or never left). */
  leftAt: z.number().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const Consultation = z.object({
  id: ConsultationId,
  topic: z.string(),
  host: ParticipantId,
  participants: z.array(Participant),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Who started and ended it (the operator's name as typed on the console). */
  startedBy: z.string(),
  endedBy: z.string().nullable(),
  /** A duty-log entry (report) or a plan response this consultation belongs to, as ids. */
  dutyEntryId: z.string().nullable(),
  planResponseId: z.string().nullable(),
  mode: MediaMode,
  /** The standby link carries a low-bitrate encoding (also on while power.conserve is active). */
  lowBandwidth: z.boolean(),
  /** Bumped on every change: a client keeps the highest it has seen (two links, two copies). */
  rev: z.number().int(),
});
export type Consultation = z.infer<typeof Consultation>;

/** Who is joined right now, and over which links (one socket per link). */
export const Presence = z.object({
  consultationId: ConsultationId,
  present: z.array(z.object({ id: ParticipantId, session: SessionId, links: z.array(LinkId) })),
  /** Orders presence updates of one hub process; `epoch` changes when the hub restarts. */
  epoch: z.number(),
  seq: z.number().int(),
});
export type Presence = z.infer<typeof Presence>;

// ---- signalling ------------------------------------------------------------------------
/** One peer connection: its link, its generation (a rebuild is a new one) and its owner's session. */
export const PcRef = z.strictObject({
  link: LinkId,
  gen: z.number().int().min(0).max(1_000_000_000),
  /** The initiator's session: the pair (session, link, gen) names the connection. */
  session: SessionId,
});
export type PcRef = z.infer<typeof PcRef>;

/** What simple-peer emits for its remote: a description or one ICE candidate. */
export const PeerData = z.union([
  z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(60_000) }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z.strictObject({
      candidate: z.string().max(1_000),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
]);
export type PeerData = z.infer<typeof PeerData>;

export const SignalPayload = z.discriminatedUnion('kind', [
  /** "I am here as this session": a new session resets the receiver's connections with me. */
  z.strictObject({ kind: z.literal('hello'), session: SessionId, mode: MediaMode }),
  /** "I left": close every connection with me. */
  z.strictObject({ kind: z.literal('bye'), session: SessionId }),
  /** simple-peer's offer, answer or candidate for one connection. */
  z.strictObject({ kind: z.literal('peer'), pc: PcRef, data: PeerData }),
  /** From the answering side: "my connection on this link is dead, build a new one". */
  z.strictObject({ kind: z.literal('rebuild'), link: LinkId, session: SessionId }),
  /** "I now show your video from this link" (the sender raises that link's encoding). */
  z.strictObject({ kind: z.literal('shown'), link: LinkId.nullable(), session: SessionId }),
]);
export type SignalPayload = z.infer<typeof SignalPayload>;

export const SignalMessage = z.object({
  consultationId: ConsultationId,
  from: ParticipantId,
  to: ParticipantId,
  msgId: MsgId,
  payload: SignalPayload,
});
export type SignalMessage = z.infer<typeof SignalMessage>;

// ---- control of an endpoint from a console, and its reported status --------------------------
export const Layout = z.enum(['grid', 'focus']);
export type Layout = z.infer<typeof Layout>;
const DeviceId = z.string().max(200);

export const ControlCommand = z.discriminatedUnion('cmd', [
  z.strictObject({ cmd: z.literal('mute'), on: z.boolean() }),
  z.strictObject({ cmd: z.literal('camera'), on: z.boolean() }),
  /** "focus" shows one participant large: the one named, or the active speaker when null. */
  z.strictObject({ cmd: z.literal('layout'), layout: Layout, focus: ParticipantId.nullable() }),
  z.strictObject({ cmd: z.literal('devices'), cameraId: DeviceId.nullable(), micId: DeviceId.nullable() }),
  z.strictObject({ cmd: z.literal('lowBandwidth'), on: z.boolean() }),
  /** Leave this consultation (the endpoint then offers "rejoin" on its own screen). */
  z.strictObject({ cmd: z.literal('leave') }),
]);
export type ControlCommand = z.infer<typeof ControlCommand>;

export const ControlMessage = z.object({ consultationId: ConsultationId, to: ParticipantId, msgId: MsgId, command: ControlCommand });
export type ControlMessage = z.infer<typeof ControlMessage>;

export const LinkState = z.enum(['up', 'connecting', 'stalled', 'down', 'off']);
export type LinkState = z.infer<typeof LinkState>;

export const LinkStats = z.object({
  state: LinkState,
  /** Round-trip time of the selected candidate pair, ms. */
  rttMs: z.number().nullable(),
  /** Received video bitrate over the last second, kbit/s. */
  kbps: z.number().nullable(),
  /** Packets lost over the last second, as a fraction 0–1. */
  loss: z.number().nullable(),
  /** Connections built on this link so far (1 + rebuilds). */
  builds: z.number().int(),
});
export type LinkStats = z.infer<typeof LinkStats>;

export const EndpointStatus = z.object({
  consultationId: ConsultationId,
  participantId: ParticipantId,
  session: SessionId,
  at: z.number(),
  mode: MediaMode,
  /** Signalling sockets to the hub, per link. */
  signalling: z.object({ A: z.enum(['open', 'connecting', 'closed', 'off']), B: z.enum(['open', 'connecting', 'closed', 'off']) }),
  muted: z.boolean(),
  cameraOff: z.boolean(),
  lowBandwidth: z.boolean(),
  layout: Layout,
  focus: ParticipantId.nullable(),
  activeSpeaker: ParticipantId.nullable(),
  cameras: z.array(z.object({ id: DeviceId, label: z.string().max(200) })).max(16),
  mics: z.array(z.object({ id: DeviceId, label: z.string().max(200) })).max(16),
  cameraId: DeviceId.nullable(),
  micId: DeviceId.nullable(),
  /** One row per remote participant: which link its video is shown from, and each link's health. */
  remotes: z.array(z.object({ id: ParticipantId, shown: LinkId.nullable(), A: LinkStats, B: LinkStats })).max(SFU_MAX_SITES),
});
export type EndpointStatus = z.infer<typeof EndpointStatus>;

// ---- methods and events -------------------------------------------------------------------
const Topic = z.string().trim().min(1, 'give the consultation a topic').max(120, 'a topic is at most 120 characters');
const OperatorName = z.string().trim().min(1, 'name the operator').max(40, 'the operator’s name is at most 40 characters');
const RecordRef = z.string().trim().min(1).max(80, 'a record id is at most 80 characters');

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const consultMethods = {
  'consult.start': method({
    right: 'consult.host',
    actor: { param: 'startedBy', is: 'name' },
    summary: 'The district starts a consultation with the named participants (the host is always the district centre).',
    params: z
      .strictObject({
        topic: Topic,
        participants: z
          .array(z.strictObject({ id: ParticipantId, name: z.string().trim().min(1).max(60) }))
          .min(1, 'invite at least one participant')
          .max(SFU_MAX_SITES - 1, `a consultation through the SFU serves at most ${SFU_MAX_SITES} sites (the district and ${SFU_MAX_SITES - 1} others)`),
        startedBy: OperatorName,
        dutyEntryId: RecordRef.optional(),
        planResponseId: RecordRef.optional(),
        mode: MediaMode.default('dual'),
        lowBandwidth: z.boolean().default(false),
      })
      .superRefine((p, ctx) => {
        if (p.mode !== 'sfu' && p.participants.length > MESH_MAX_SITES - 1)
          ctx.addIssue({
            code: 'custom',
            path: ['participants'],
            message: `a mesh consultation serves at most ${MESH_MAX_SITES} sites (the host and ${MESH_MAX_SITES - 1} others): use mode "sfu" for more`,
          });
      }),
    result: Consultation,
  }),
  'consult.end': method({
    right: 'consult.host',
    actor: { param: 'endedBy', is: 'name' },
    summary: 'Ends a live consultation; endpoints leave when they hear consult.changed with endedAt set.',
    params: z.strictObject({ id: ConsultationId, endedBy: OperatorName }),
    result: Consultation,
  }),
  'consult.get': method({
    right: 'read',
    summary: 'One consultation record.',
    params: z.strictObject({ id: ConsultationId }),
    result: Consultation,
  }),
  'consult.list': method({
    right: 'read',
    summary: 'Consultations, newest first, with the live one (if any) and who is present in it.',
    params: z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    result: z.object({ live: Consultation.nullable(), presence: Presence.nullable(), status: z.array(EndpointStatus), recent: z.array(Consultation) }),
  }),
  'consult.join': method({
    right: 'consult.join',
    summary: 'Binds this socket to a participant of a live consultation (call it on each link’s socket, and again after each reconnect).',
    params: z.strictObject({ consultationId: ConsultationId, participantId: ParticipantId, session: SessionId, link: LinkId }),
    result: z.object({ consultation: Consultation, presence: Presence }),
  }),
  'consult.leave': method({
    right: 'consult.join',
    summary: 'The participant leaves (every socket of that session is unbound); recorded as its leave time.',
    params: z.strictObject({ consultationId: ConsultationId, participantId: ParticipantId, session: SessionId }),
    result: Consultation,
  }),
  'consult.signal': method({
    right: 'consult.join',
    summary: 'Relays one signalling message to every socket of its target; a repeat of a message already relayed is dropped.',
    params: z.strictObject(SignalMessage.shape),
    result: z.object({ delivered: z.number().int(), duplicate: z.boolean() }),
  }),
  'consult.control': method({
    right: 'consult.host',
    summary: 'A console steers a participant’s joined endpoint (mute, camera, layout, devices, low bandwidth, leave).',
    params: z.strictObject(ControlMessage.shape),
    result: z.object({ delivered: z.number().int(), duplicate: z.boolean() }),
  }),
  'consult.report': method({
    right: 'consult.join',
    summary: 'An endpoint reports its state (links, devices, layout) for the consoles; sent about once a second.',
    params: z.strictObject({ status: EndpointStatus }),
    result: z.object({ ok: z.literal(true) }),
  }),
} as const;

export const consultEvents = {
  'consult.changed': event({ right: 'read', summary: 'A consultation started, changed (joins, leaves) or ended.', payload: Consultation }),
  'consult.presence': event({ right: 'read', summary: 'Who is joined to the live consultation now, and on which links.', payload: Presence }),
  'consult.signal': event({
    right: 'consult.join',
    summary: 'A signalling message for this participant only (sent to its sockets alone).',
    payload: SignalMessage,
  }),
  'consult.control': event({
    right: 'consult.join',
    summary: 'A console’s command for this participant’s endpoint (sent to its sockets alone).',
    payload: ControlMessage,
  }),
  'consult.getStatus': event({
    right: 'read',
    summary: 'An endpoint’s reported state (throttled by the endpoint to about once a second).',
    payload: EndpointStatus,
  }),
} as const;

// ---- dropping repeats ------------------------------------------------------------------------
/**
 * Remembers message ids for a while so a repeat is recognised: the hub uses it to relay each
 * message once, the endpoint to act on each message once (it arrives over both links).
 * Bounded in count and in age, so a long call cannot grow it without end.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries = 4096,
    private readonly maxAgeMs = 120_000,
  ) {}

  /** True the first time an id is offered (within maxAgeMs), false for every repeat. */
  firstTime(id: string, now: number): boolean {
    const at = this.seen.get(id);
    if (at !== undefined && now - at <= this.maxAgeMs) return false;
    if (at !== undefined) this.seen.delete(id);
    this.seen.set(id, now);
    this.prune(now);
    return true;
  }

  has(id: string, now: number): boolean {
    const at = this.seen.get(id);
    return at !== undefined && now - at <= this.maxAgeMs;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    // A Map iterates in insertion order: the oldest entries come first.
    for (const [id, at] of this.seen) {
      if (this.seen.size <= this.maxEntries && now - at <= this.maxAgeMs) break;
      this.seen.delete(id);
    }
  }
}
