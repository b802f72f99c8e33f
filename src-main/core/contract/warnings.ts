// Warnings (预测预警): Guangdong's meteorological warning signals as they arrive in CAP 1.2 (the
// Common Alerting Protocol, which China's national early-warning release system uses), from a
// file or from a URL polled on the intranet; the active ones, and the history of every change.
//
// Semantics the core keeps (the UI can rely on them):
//  - A warning is one signal type (typhoon, rainstorm, …): at most one of each type is active at
//    a time, as a city's meteorological office keeps it. A new CAP alert of an active type
//    replaces its level: "raised" when more severe, "lowered" when less, "updated" when the same.
//  - A CAP alert with msgType Cancel, or whose <info> says 解除 / 取消 (lifted), cancels the
//    active warning of its type; one whose <expires> passes expires it (the core checks every
//    minute and on every read).
//  - The same CAP identifier from the same sender is recognised and not applied twice.
//  - Nothing is dropped: an alert whose event is not one of the known signals is kept as type
//    "other" with its colour; every change is in warnings.listHistory.
//  - The XML parser refuses DOCTYPE and entity declarations (no external entities, no entity
//    expansion) and documents over MAX_CAP_BYTES; a refusal names what is wrong.
import { z } from 'zod';
import { event, method } from './define';
import { EntityId, Timestamp, type Label } from './primitives';
import { utf8Max } from './limits';

// ---- Guangdong's warning signals ---------------------------------------------------------
/** Least to most severe. */
export const SignalLevel = z.enum(['white', 'blue', 'yellow', 'orange', 'red']);
export type SignalLevel = z.infer<typeof SignalLevel>;
export const SIGNAL_LEVEL_RANK: Record<SignalLevel, number> = { white: 0, blue: 1, yellow: 2, orange: 3, red: 4 };
export const SIGNAL_LEVEL_LABELS: Record<SignalLevel, Label> = {
  white: { zh: '白色', en: 'White' },
  blue: { zh: '蓝色', en: 'Blue' },
  yellow: { zh: '黄色', en: 'Yellow' },
  orange: { zh: '橙色', en: 'Orange' },
  red: { zh: '红色', en: 'Red' },
};
/**
 * The signal colours in sRGB. The signal standard (GB/T 27962, and Guangdong's rules on
 * meteorological warning signals) gives them in CMYK: blue C100, yellow Y100, orange M50 Y100,
 * red M100 Y100; white is the typhoon "white" (watch) signal.
 */
export const SIGNAL_COLOURS: Record<SignalLevel, string> = { white: '#ffffff', blue: '#0a63d6', yellow: '#ffe600', orange: '#ff8c00', red: '#e60012' };

export const SignalType = z.enum([
  'typhoon',
  'rainstorm',
  'thunderstorm-gale',
  'gale',
  'high-temperature',
  'cold',
  'fog',
  'haze',
  'frost',
  'road-icing',
  'hail',
  'fire-risk',
  'drought',
  'other',
]);
export type SignalType = z.infer<typeof SignalType>;

export interface SignalInfo {
  zh: string;
  en: string;
  /** The levels Guangdong issues for this signal, least severe first. */
  levels: readonly SignalLevel[];
  /** Words that name it in a CAP <event> or <headline>. */
  words: readonly string[];
}

/** Guangdong's meteorological warning signals (广东省气象灾害预警信号). */
export const SIGNALS: Record<SignalType, SignalInfo> = {
  typhoon: { zh: '台风', en: 'Typhoon', levels: ['white', 'blue', 'yellow', 'orange', 'red'], words: ['台风'] },
  rainstorm: { zh: '暴雨', en: 'Rainstorm', levels: ['yellow', 'orange', 'red'], words: ['暴雨'] },
  'thunderstorm-gale': { zh: '雷雨大风', en: 'Thunderstorm and gale', levels: ['yellow', 'orange', 'red'], words: ['雷雨大风', '雷暴大风'] },
  gale: { zh: '大风', en: 'Gale', levels: ['blue', 'yellow', 'orange', 'red'], words: ['大风'] },
  'high-temperature': { zh: '高温', en: 'High temperature', levels: ['yellow', 'orange', 'red'], words: ['高温'] },
  cold: { zh: '寒冷', en: 'Cold', levels: ['yellow', 'orange', 'red'], words: ['寒冷', '寒潮'] },
  fog: { zh: '大雾', en: 'Fog', levels: ['yellow', 'orange', 'red'], words: ['大雾', '雾'] },
  haze: { zh: '灰霾', en: 'Haze', levels: ['yellow', 'orange'], words: ['灰霾', '霾'] },
  frost: { zh: '霜冻', en: 'Frost', levels: ['yellow', 'orange', 'red'], words: ['霜冻'] },
  'road-icing': { zh: '道路结冰', en: 'Road icing', levels: ['yellow', 'orange', 'red'], words: ['道路结冰', '结冰'] },
  hail: { zh: '冰雹', en: 'Hail', levels: ['orange', 'red'], words: ['冰雹'] },
  'fire-risk': { zh: '森林火险', en: 'Forest fire risk', levels: ['yellow', 'orange', 'red'], words: ['森林火险', '火险'] },
  drought: { zh: '干旱', en: 'Drought', levels: ['yellow', 'orange', 'red'], words: ['干旱'] },
  other: { zh: '其他预警', en: 'Other warning', levels: ['blue', 'yellow', 'orange', 'red'], words: [] },
};

// ---- warnings ---------------------------------------------------------------------------
export const WarningStatus = z.enum(['active', 'cancelled', 'expired']);
export type WarningStatus = z.infer<typeof WarningStatus>;
export const WarningSource = z.enum(['file', 'feed']);

export const Warning = z.object({
  id: EntityId,
  type: SignalType,
  level: SignalLevel,
  /** The CAP <event> as sent, e.g. "暴雨橙色预警信号". */
  event: z.string(),
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  /** <areaDesc> of the alert's areas, joined. */
  area: z.string(),
  /** <senderName>, else <sender>. */
  sender: z.string(),
  /** The CAP identifier of the alert that last changed it. */
  capIdentifier: z.string(),
  /** CAP <sent>. */
  sentAt: Timestamp,
  /** CAP <expires>, if given. */
  expiresAt: Timestamp.nullable(),
  status: WarningStatus,
  /** When this system first received it. */
  issuedAt: Timestamp,
  /** Last change of level, text or status. */
  updatedAt: Timestamp,
  /** When it was cancelled or expired. */
  endedAt: Timestamp.nullable(),
  source: WarningSource,
});
export type Warning = z.infer<typeof Warning>;

export const WarningChange = z.enum(['issued', 'raised', 'lowered', 'updated', 'cancelled', 'expired']);
export type WarningChange = z.infer<typeof WarningChange>;

export const WarningHistoryEntry = z.object({
  seq: z.number().int(),
  at: Timestamp,
  warningId: EntityId,
  type: SignalType,
  change: WarningChange,
  fromLevel: SignalLevel.nullable(),
  toLevel: SignalLevel.nullable(),
  headline: z.string(),
  capIdentifier: z.string(),
  /** The file name, the feed URL, or "operator". */
  via: z.string(),
  peer: z.string(),
});
export type WarningHistoryEntry = z.infer<typeof WarningHistoryEntry>;

export const FeedConfig = z.strictObject({
  /** An intranet URL returning a CAP 1.2 alert (or a document holding several <alert>s). */
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^\s]+$/, 'a feed URL is http://… or https://…'),
  intervalSeconds: z.number().int().min(15, 'poll at most every 15 s').max(3600, 'poll at least every hour'),
  enabled: z.boolean(),
});
export type FeedConfig = z.infer<typeof FeedConfig>;

export const FeedStatus = z.object({
  config: FeedConfig.nullable(),
  lastPollAt: Timestamp.nullable(),
  /** The last poll's outcome: ok, or the reason it failed. */
  lastOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  /** Alerts applied from the feed since the hub started. */
  applied: z.number().int(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

export const WarningsState = z.object({
  active: z.array(Warning),
  feed: FeedStatus,
  asOf: Timestamp,
});
export type WarningsState = z.infer<typeof WarningsState>;

export const CapOutcome = z.object({
  identifier: z.string(),
  /** not-actual: a CAP status other than Actual (Exercise, Test, …), recorded but not shown as a warning. */
  outcome: z.enum(['issued', 'raised', 'lowered', 'updated', 'cancelled', 'duplicate', 'no-active-warning', 'not-actual']),
  warningId: EntityId.nullable(),
  type: SignalType,
  level: SignalLevel.nullable(),
});
export type CapOutcome = z.infer<typeof CapOutcome>;

/** Largest CAP document accepted (a CAP alert is a few kilobytes), in bytes as it travels (limits.ts). */
export const MAX_CAP_BYTES = 512 * 1024;

// ---- methods ----------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const warningsMethods = {
  'warnings.get': method({
    right: 'read',
    summary: 'Active warnings (most severe first) and the feed’s status.',
    params: z.strictObject({}),
    result: WarningsState,
  }),
  'warnings.listHistory': method({
    right: 'read',
    summary: 'Every change of every warning, newest first.',
    params: z.strictObject({ limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().min(1).optional() }),
    result: z.array(WarningHistoryEntry),
  }),
  'warnings.importCap': method({
    right: 'warnings.manage',
    summary: 'Apply a CAP 1.2 document (one <alert>, or several in one document) from a file. Refused, naming the problem, when it is not CAP 1.2.',
    params: z.strictObject({
      xml: utf8Max(z.string().min(1, 'the file is empty'), MAX_CAP_BYTES, 'a CAP document'),
      fileName: z.string().trim().max(120).default('file'),
    }),
    result: z.object({ outcomes: z.array(CapOutcome), state: WarningsState }),
  }),
  'warnings.cancel': method({
    right: 'warnings.manage',
    summary: 'The operator ends an active warning by hand (a lifting alert never arrived), with a reason kept in the history.',
    params: z.strictObject({ id: EntityId, reason: z.string().trim().min(2, 'give a reason').max(500) }),
    result: WarningsState,
  }),
  'warnings.setFeed': method({
    right: 'warnings.manage',
    summary: 'Set (or clear, with null) the intranet URL polled for CAP alerts and its interval.',
    params: z.strictObject({ feed: FeedConfig.nullable() }),
    result: FeedStatus,
  }),
  'warnings.pollNow': method({
    right: 'warnings.manage',
    summary: 'Poll the feed once now.',
    params: z.strictObject({}),
    result: FeedStatus,
  }),
} as const;

// ---- events -----------------------------------------------------------------------------
export const warningsEvents = {
  'warnings.changed': event({
    right: 'read',
    summary: 'A warning was issued, raised, lowered, updated, cancelled or expired, or the feed polled. Carries the changes and the active warnings.',
    payload: z.object({
      changes: z.array(z.object({ warningId: EntityId, change: WarningChange, level: SignalLevel, type: SignalType })),
      state: WarningsState,
    }),
  }),
} as const;
