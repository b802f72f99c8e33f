// Power continuity (供电保障): the UPS units (NUT, SNMP), the generator / generator truck
// (Modbus TCP), the app machine's own power, one power state over all of them, and alarms.
//
// How a power panel uses this file alone:
// - `power.getOverview` once, for the state, a tile per source (readings + 30-minute samples for the
//   charge and load sparklines) and the active alarms; then keep it current from events:
//   `power.stateChanged` (the overall state), `power.sourcesChanged` (tiles; append each source's
//   `lastSample` to its sparkline), `power.alarmRaised` / `power.alarmChanged` (the alarm list).
// - Sound: play an alarm's sound while its `sounding` flag is true (its condition still holds, not
//   acknowledged, not muted, severity warning or critical). Muting is per alarm
//   (`power.muteAlarm`); there is no global mute. `severity` picks the sound.
// - The duty officer acknowledges with `power.acknowledgeAlarm` (who is recorded, and when).
//   An alarm stays in the active list until it is both cleared and acknowledged, so an outage that
//   ended at night is still there in the morning. Info alarms (STATE_MAINS) are notices: they are
//   pushed and kept in the history, never in the active list.
// - Every alarm carries `message` (what happened) and `action` (what to do now) in zh and en.
// - Configuration: `power.getConfig`, `power.saveSource`, `power.removeSource`, `power.saveThresholds`.
//
// SECRETS (a NUT password, an SNMP community) are never sent to clients: a source shows
// `passwordSet` / `communitySet` instead. Left out when saving, the stored one is kept, but only
// while it would go where it went before: a change of host, port, NUT user or TLS settings (the
// mode, the CA, the insecure switch), or of the SNMP version, drops it unless the same request
// gives it again, so re-pointing a source can never send a stored secret to another server.
// `power.saveSource` then says so in `notice`. "" clears a secret.
//
// THE STATE MACHINE (documented here because every client shows its result):
//   MAINS → ON_BATTERY → LOW_BATTERY → ON_GENERATOR → MAINS, and UNKNOWN.
//   Each source gives a verdict (mains, generator, battery, low-battery, unknown); the overall state
//   is the most urgent of them in this order: LOW_BATTERY, ON_BATTERY, UNKNOWN, ON_GENERATOR, MAINS.
//   So a known battery problem is never hidden behind another source's silence, and MAINS is shown
//   only when every enabled source is reachable and says so: no stale "OK". A source that stops
//   answering is UNKNOWN within two of its poll intervals; a NUT UPS reporting WAIT is UNKNOWN too,
//   but WAIT within 15 s of (re)connecting (upsd and its driver starting) raises no alarm; nor does
//   a newly added source while it makes first contact. If such a silent UNKNOWN then turns into a
//   real failure (unreachable, WAIT past 15 s), the STATE_UNKNOWN alarm is raised at that moment.
//   Hysteresis: a move to a more urgent state is taken at once (that is the alarm that matters);
//   a move to a less urgent one only once the sources have said so continuously for
//   `recoveryHoldSeconds` (default 5 s), so a flapping input gives one alarm, not one per flap.
//   Low-battery by runtime also has a dead band: entered below `runtimeLowMinutes`, left only above
//   1.2 × that. The first state known after the app starts is taken at once.
//
// THE `power.conserve` EVENT: sent when the state enters ON_BATTERY or LOW_BATTERY from a state
// without conserve ({ active: true }) and when it returns to mains or generator ({ active: false });
// once per change (ON_BATTERY → LOW_BATTERY sends nothing new), and never for UNKNOWN, which says
// nothing about the supply (conserve keeps its value). Other parts listen to it to save power: the
// consultation lowers its video bitrate, the wall dims panels that are not essential. The current
// value is also in `power.getOverview` (`conserve`), for a client that connects while it is active.
import { z } from 'zod';
import { event, method } from './define';

// ---- shared pieces -------------------------------------------------------------------
/** A text in both UI languages. */
export const PowerText = z.object({ zh: z.string(), en: z.string() });
export type PowerText = z.infer<typeof PowerText>;

export const PowerState = z.enum(['MAINS', 'ON_BATTERY', 'LOW_BATTERY', 'ON_GENERATOR', 'UNKNOWN']);
export type PowerState = z.infer<typeof PowerState>;

export const SourceKind = z.enum(['nut', 'snmp', 'modbus', 'host']);
export type SourceKind = z.infer<typeof SourceKind>;

/** What one source says about the supply. */
export const SourceVerdict = z.enum(['mains', 'generator', 'battery', 'low-battery', 'unknown']);
export type SourceVerdict = z.infer<typeof SourceVerdict>;

/**
 * The connection to a source: `connecting` (first contact or reconnecting after a backoff),
 * `online` (answering), `waiting` (NUT: upsd answers but the UPS reports WAIT or its driver is not
 * connected or stale), `stale` (no good answer for two poll intervals), `offline` (connection
 * refused or lost; reconnecting with backoff), `error` (answers we cannot use: garbage, refusals),
 * `disabled` (switched off in its configuration).
 */
export const SourceLink = z.enum(['connecting', 'online', 'waiting', 'stale', 'offline', 'error', 'disabled']);
export type SourceLink = z.infer<typeof SourceLink>;

export const SourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a source id is lower-case letters, digits and dashes (at most 40), e.g. "ups-hall"');
export const AlarmId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'an alarm id is lower-case letters, digits and dashes');
export const OfficerName = z.string().trim().min(1, 'name the duty officer').max(40, 'the officer’s name is at most 40 characters');

const Host = z
  .string()
  .trim()
  .min(1, 'give the host name or IP address')
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'a host is a name or an IP address (letters, digits, dots, colons, dashes)');
const Port = z.number().int().min(1, 'a port is 1 to 65535').max(65535, 'a port is 1 to 65535');
const PollMs = z.number().int().min(100, 'poll at most every 100 ms').max(10_000, 'poll at least every 10 s');

// ---- source configuration -----------------------------------------------------------
const sourceCommon = {
  id: SourceId,
  name: z.string().trim().min(1, 'a source needs a name').max(40, 'a source name is at most 40 characters'),
  enabled: z.boolean().default(true),
};

/** A UPS behind NUT's upsd (network protocol on TCP 3493). */
export const NutSourceConfig = z.strictObject({
  ...sourceCommon,
  kind: z.literal('nut'),
  host: Host,
  port: Port.default(3493),
  /** The UPS name on that upsd (`LIST UPS`), e.g. "ups1". */
  ups: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'the NUT UPS name is letters, digits, dot, dash or underscore'),
  /** upsd.users account; sent only after STARTTLS when `tls` is "starttls". */
  username: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a NUT user name is letters, digits and . _ @ -')
    .optional(),
  /**
   * LOGIN to the UPS as a secondary monitor. Off by default: a logged-in client counts in upsd's
   * NUMLOGINS, so the primary upsmon waits for it before shutting down on a forced shutdown.
   */
  login: z.boolean().default(false),
  /** "starttls" refuses to talk (or send a password) in clear if upsd cannot start TLS. */
  tls: z.enum(['none', 'starttls']).default('none'),
  /** PEM certificate(s) to trust for upsd's TLS certificate; the system CAs when absent. */
  tlsCa: z.string().max(20_000).optional(),
  /** Accept any certificate (a test bench only: it defeats the point of TLS). */
  tlsInsecure: z.boolean().default(false),
  pollMs: PollMs.default(250),
});

/** A UPS with an SNMP card speaking UPS-MIB (RFC 1628); its community is added below (a secret). */
export const SnmpSourceConfig = z.strictObject({
  ...sourceCommon,
  kind: z.literal('snmp'),
  host: Host,
  port: Port.default(161),
  version: z.enum(['1', '2c']).default('2c'),
  pollMs: PollMs.default(250),
});

/** Polled with this community while none is stored (SNMP's well-known default: not a secret). */
export const DEFAULT_SNMP_COMMUNITY = 'public';
const Community = z.string().max(64, 'an SNMP community is at most 64 characters');

/** A generator or generator-truck controller on Modbus TCP, read through a register map. */
export const ModbusSourceConfig = z.strictObject({
  ...sourceCommon,
  kind: z.literal('modbus'),
  host: Host,
  port: Port.default(502),
  unitId: z.number().int().min(0).max(255).default(1),
  /** Register map of the controller model; `power.getConfig` lists them (`models`). */
  model: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a controller model id is lower-case letters, digits and dashes')
    .default('generic-controller'),
  pollMs: PollMs.default(250),
});

/**
 * What a client sends to `power.saveSource`. A NUT password or SNMP community left out keeps the
 * stored one unless the source was re-pointed (see SECRETS above); "" clears it.
 */
export const PowerSourceInput = z.discriminatedUnion('kind', [
  NutSourceConfig.extend({ password: z.string().max(128).optional() }),
  SnmpSourceConfig.extend({ community: Community.optional() }),
  ModbusSourceConfig,
]);
export type PowerSourceInput = z.input<typeof PowerSourceInput>;

/** A source as stored (password and community included): never sent to clients. */
export const PowerSourceConfig = z.discriminatedUnion('kind', [
  NutSourceConfig.extend({ password: z.string().max(128).optional() }),
  SnmpSourceConfig.extend({ community: Community.optional() }),
  ModbusSourceConfig,
]);
export type PowerSourceConfig = z.output<typeof PowerSourceConfig>;

/** A source as clients see it: the NUT password is replaced by `passwordSet`, the SNMP community by `communitySet`. */
export const PowerSourceView = z.discriminatedUnion('kind', [
  NutSourceConfig.extend({ passwordSet: z.boolean() }),
  /** communitySet false: none stored, polled with "public". */
  SnmpSourceConfig.extend({ communitySet: z.boolean() }),
  ModbusSourceConfig,
]);
export type PowerSourceView = z.output<typeof PowerSourceView>;

const thresholdFields = {
  /** LOW_BATTERY when a UPS on battery has fewer minutes left than this. */
  runtimeLowMinutes: z.number().int().min(1, 'at least 1 minute').max(240, 'at most 240 minutes'),
  /** The FUEL_LOW alarm when a generator's tank is below this percentage. */
  fuelLowPercent: z.number().int().min(1, 'at least 1 %').max(99, 'at most 99 %'),
  /** Hysteresis: how long a less urgent state must hold before the state moves to it. */
  recoveryHoldSeconds: z.number().int().min(0, 'at least 0 s').max(300, 'at most 300 s'),
};
/** Defaults: runtime 10 min, fuel 20 %, recovery hold 5 s. */
export const PowerThresholds = z.object(thresholdFields);
export type PowerThresholds = z.output<typeof PowerThresholds>;

export const ControllerModel = z.object({ id: z.string(), name: PowerText });

export const PowerConfig = z.object({
  sources: z.array(PowerSourceView),
  thresholds: PowerThresholds,
  /** Generator controller register maps that a Modbus source can use. */
  models: z.array(ControllerModel),
});
export type PowerConfig = z.infer<typeof PowerConfig>;

// ---- readings -------------------------------------------------------------------------
const num = z.number().nullable();

/** One source's latest values in fixed units; null where the source does not report it. */
export const PowerReadings = z.object({
  /** NUT status tokens (OL, OB, LB, CHRG, DISCHRG, BYPASS, OVER, RB, WAIT, …); SNMP and Modbus are mapped to the same tokens. */
  status: z.array(z.string()),
  batteryChargePercent: num,
  /** Minutes of battery left: as reported, else estimated (see runtimeBasis). */
  runtimeMinutes: num,
  runtimeBasis: z.enum(['reported', 'estimated']).nullable(),
  loadPercent: num,
  inputVoltage: num,
  outputVoltage: num,
  inputFrequency: num,
  outputFrequency: num,
  generatorRunning: z.boolean().nullable(),
  mainsAvailable: z.boolean().nullable(),
  engineRpm: num,
  fuelPercent: num,
  /** Hours of fuel left at the recent burn rate (estimated from the fuel trend while running). */
  fuelHours: num,
  coolantTempC: num,
  oilPressureKpa: num,
  starterBatteryVoltage: num,
  /** Device alarms: generator alarm bits by code, "UPS-MIB alarms present: N", NUT ups.alarm. */
  deviceAlarms: z.array(z.string()),
});
export type PowerReadings = z.infer<typeof PowerReadings>;

/** A sparkline point: charge, load (UPS) or fuel (generator), every 10 s. */
export const PowerSample = z.object({ t: z.number(), charge: num, load: num, fuel: num });
export type PowerSample = z.infer<typeof PowerSample>;

/** A source tile, as `power.sourcesChanged` carries it. */
export const PowerSourceLive = z.object({
  id: z.string(),
  name: z.string(),
  kind: SourceKind,
  enabled: z.boolean(),
  link: SourceLink,
  verdict: SourceVerdict,
  /** Why the source is not online, or what it last said that we could not use (English, technical). */
  detail: z.string().nullable(),
  /** When the source last answered with usable data (ms since epoch). */
  lastUpdate: z.number().nullable(),
  readings: PowerReadings,
  /** The newest sparkline point; a client appends it when it is newer than its last one. */
  lastSample: PowerSample.nullable(),
});
export type PowerSourceLive = z.infer<typeof PowerSourceLive>;

/** A source tile with its last 30 minutes of samples. */
export const PowerSourceStatus = PowerSourceLive.extend({ samples: z.array(PowerSample) });
export type PowerSourceStatus = z.infer<typeof PowerSourceStatus>;

// ---- alarms ---------------------------------------------------------------------------
export const AlarmSeverity = z.enum(['info', 'warning', 'critical']);
export type AlarmSeverity = z.infer<typeof AlarmSeverity>;

/**
 * STATE_* alarms come from transitions of the overall state; the others are conditions of one
 * source that are raised when they appear and cleared when they go.
 */
export const AlarmCode = z.enum([
  'STATE_MAINS',
  'STATE_ON_BATTERY',
  'STATE_LOW_BATTERY',
  'STATE_ON_GENERATOR',
  'STATE_UNKNOWN',
  'FUEL_LOW',
  'UPS_OVERLOAD',
  'UPS_REPLACE_BATTERY',
  'UPS_ON_BYPASS',
  'UPS_DEVICE_ALARM',
  'GENERATOR_FAULT',
]);
export type AlarmCode = z.infer<typeof AlarmCode>;

export const PowerAlarm = z.object({
  id: AlarmId,
  code: AlarmCode,
  severity: AlarmSeverity,
  /** The source a condition alarm is about; null for a state alarm. */
  sourceId: z.string().nullable(),
  /** The transition a state alarm reports. */
  fromState: PowerState.nullable(),
  toState: PowerState.nullable(),
  message: PowerText,
  /** What the operator should do now. */
  action: PowerText,
  raisedAt: z.number(),
  /** When the condition went away or the state moved on; null while it holds. */
  clearedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  muted: z.boolean(),
  mutedBy: z.string().nullable(),
  mutedAt: z.number().nullable(),
  /** In the active list: warning or critical, and not yet both cleared and acknowledged (info alarms are notices, history only). */
  active: z.boolean(),
  /** The wall plays this alarm's sound now: active, not acknowledged, not muted, severity above info. */
  sounding: z.boolean(),
});
export type PowerAlarm = z.infer<typeof PowerAlarm>;

export const PowerTransition = z.object({
  seq: z.number().int(),
  at: z.number(),
  from: PowerState,
  to: PowerState,
  reason: PowerText,
  /** The alarm raised for it; null when none was (WAIT while upsd starts, the app starting). */
  alarmId: z.string().nullable(),
});
export type PowerTransition = z.infer<typeof PowerTransition>;

export const PowerOverview = z.object({
  state: PowerState,
  /** When the state was entered (ms since epoch). */
  since: z.number(),
  reason: PowerText,
  /** A less urgent state waiting out the hysteresis hold, if any. */
  pending: z.object({ state: PowerState, since: z.number(), until: z.number() }).nullable(),
  /** The least battery runtime of the sources on battery, in minutes. */
  runtimeMinutes: num,
  /** The least fuel left of the generators running, in hours. */
  fuelHours: num,
  /** True while ON_BATTERY or LOW_BATTERY: see `power.conserve`. */
  conserve: z.boolean(),
  sources: z.array(PowerSourceStatus),
  activeAlarms: z.array(PowerAlarm),
  thresholds: PowerThresholds,
});
export type PowerOverview = z.infer<typeof PowerOverview>;

const Limit = z.number().int().min(1).max(500).default(100);

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const powerMethods = {
  'power.getOverview': method({
    right: 'read',
    summary: 'The power state, a tile per source (readings, link, 30-minute samples) and the active alarms.',
    params: z.strictObject({}),
    result: PowerOverview,
  }),
  'power.listTransitions': method({
    right: 'read',
    summary: 'Stored transitions of the power state, newest first; pass `before` (a seq) to page back.',
    params: z.strictObject({ limit: Limit, before: z.number().int().optional() }),
    result: z.object({ transitions: z.array(PowerTransition), more: z.boolean() }),
  }),
  'power.listAlarms': method({
    right: 'read',
    summary:
      'Power alarms, newest first: "active" (warning or critical, not yet both cleared and acknowledged) or "all" (the history); page back with `before` (the id of the last alarm of the previous page).',
    params: z.strictObject({ scope: z.enum(['active', 'all']).default('active'), limit: Limit, before: AlarmId.optional() }),
    result: z.object({ alarms: z.array(PowerAlarm), more: z.boolean() }),
  }),
  'power.acknowledgeAlarm': method({
    right: 'power.operate',
    actor: { param: 'by', is: 'name' },
    summary: 'The duty officer acknowledges an alarm: who and when are recorded, and its sound stops.',
    params: z.strictObject({ id: AlarmId, by: OfficerName }),
    result: PowerAlarm,
  }),
  'power.muteAlarm': method({
    right: 'power.operate',
    actor: { param: 'by', is: 'name' },
    summary: 'Mute (or unmute) one alarm’s sound on the wall; there is no global mute.',
    params: z.strictObject({ id: AlarmId, muted: z.boolean(), by: OfficerName }),
    result: PowerAlarm,
  }),
  'power.getConfig': method({
    right: 'read',
    summary: 'The configured sources (passwords and SNMP communities withheld), the thresholds and the known generator controller models.',
    params: z.strictObject({}),
    result: PowerConfig,
  }),
  'power.saveSource': method({
    right: 'power.configure',
    summary:
      'Add or replace a power source (NUT, SNMP or Modbus); it is (re)connected at once. A stored password or community left out is kept, unless host, port, user, TLS settings or SNMP version changed: then it is dropped and `notice` says so.',
    params: z.strictObject({ source: PowerSourceInput }),
    result: PowerConfig.extend({
      /** What the operator must know about this save (a stored secret dropped because the source was re-pointed); null when nothing. */
      notice: PowerText.nullable(),
    }),
  }),
  'power.removeSource': method({
    right: 'power.configure',
    summary: 'Remove a power source and stop polling it; its alarm history is kept.',
    params: z.strictObject({ id: SourceId }),
    result: PowerConfig,
  }),
  'power.saveThresholds': method({
    right: 'power.configure',
    summary: 'Change some thresholds (runtime, fuel, recovery hold); the others keep their values.',
    params: z.strictObject({ patch: z.strictObject(thresholdFields).partial() }),
    result: PowerConfig,
  }),
  'power.reportHostPower': method({
    right: 'power.configure',
    summary: 'The Electron shell reports the app machine’s own power (powerMonitor on-battery / on-ac); only the in-process shell may call it.',
    params: z.strictObject({ onBattery: z.boolean() }),
    result: z.object({ state: PowerState }),
  }),
} as const;

export const powerEvents = {
  'power.stateChanged': event({
    right: 'read',
    summary: 'The overall power state moved (stored as a transition).',
    payload: z.object({ transition: PowerTransition, conserve: z.boolean() }),
  }),
  'power.sourcesChanged': event({
    right: 'read',
    summary: 'Source tiles changed: link, verdict or readings (at most about once a second, at once on a link or verdict change).',
    payload: z.object({ state: PowerState, runtimeMinutes: num, fuelHours: num, sources: z.array(PowerSourceLive) }),
  }),
  'power.alarmRaised': event({ right: 'read', summary: 'A new power alarm: show it and, while `sounding`, play its sound.', payload: PowerAlarm }),
  'power.alarmChanged': event({ right: 'read', summary: 'A power alarm was acknowledged, muted, unmuted or cleared.', payload: PowerAlarm }),
  'power.conserve': event({
    right: 'read',
    summary: 'Power-saving mode: active on ON_BATTERY / LOW_BATTERY, inactive when the supply returns (see the comment in contract/power.ts).',
    payload: z.object({ active: z.boolean(), state: PowerState, since: z.number(), reason: PowerText }),
  }),
  'power.configChanged': event({ right: 'read', summary: 'Sources or thresholds changed.', payload: PowerConfig }),
} as const;
