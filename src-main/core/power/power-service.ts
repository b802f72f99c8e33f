// Power continuity: runs the configured sources, turns what they say into one power state,
// raises and clears alarms, keeps the history, and tells every client through events.
//
// Flow: a source polls → its snapshot changes → evaluate() (synchronous: verdicts, candidate,
// state machine, conditions) → the durable part (transition, alarms) is queued on one chain of
// store writes → once fsync'd, the events go out. Events therefore never announce what a crash
// could lose, and they leave in the order things happened.
import type { CallContext } from '../contract/define';
import { RefusedError } from '../contract/errors';
import type {
  PowerAlarm,
  PowerConfig,
  PowerOverview,
  PowerReadings,
  PowerSourceConfig,
  PowerSourceInput,
  PowerSourceLive,
  PowerSourceStatus,
  PowerState,
  PowerText,
  PowerThresholds,
} from '../contract/power';
import type { CapabilityDeps } from '../capability';
import { AlarmBook } from './alarm-book';
import { conditionAlarmWords, STATE_CODE, stateAlarmWords, stateReason } from './alarm-text';
import { loadRegisterMaps, type RegisterMap } from './maps/register-map';
import { DROPPED_NOTICE, PowerConfigStore, viewOf } from './power-config';
import { emptyReadings, round } from './readings';
import { SAMPLE_SPAN_MS, SourceHistory } from './source-history';
import { ModbusSource } from './sources/modbus-source';
import { NutSource } from './sources/nut-source';
import type { PolledSource, SourceSnapshot } from './sources/polled-source';
import { SnmpSource } from './sources/snmp-source';
import { aggregate, PowerStateMachine, type Candidate, type SourceVote } from './state-machine';
import { sourceConditions, sourceVerdict, type Condition, type Verdict } from './verdict';

/** Tiles are pushed at once on a link or verdict change, else at most this often. */
const SOURCES_EVENT_MIN_MS = 1_000;
export const HOST_SOURCE_ID = 'host';
const HOST_NAME = '本机 / this machine';

interface RunningSource {
  config: PowerSourceConfig;
  driver: PolledSource | null;
  /** For a source that cannot run (disabled, unknown controller model). */
  fixed: SourceSnapshot | null;
  history: SourceHistory;
  lastRecorded: number | null;
  readings: PowerReadings;
  verdict: Verdict;
}

/** A durable record filled in once its write has run: later tasks on the chain read `id`. */
interface AlarmRef {
  id: string | null;
}

export class PowerService {
  private readonly book: AlarmBook;
  private readonly config: PowerConfigStore;
  private readonly maps: Map<string, RegisterMap>;
  private readonly running = new Map<string, RunningSource>();
  private host: { onBattery: boolean; at: number } | null = null;
  private thresholds: PowerThresholds;
  private readonly sm: PowerStateMachine;
  private candidate: Candidate = { state: 'UNKNOWN', deciding: [], silent: true };
  private reason: PowerText;
  private conserve = false;
  private stateAlarm: AlarmRef | null = null;
  private readonly conditions = new Map<string, AlarmRef>();
  private chain: Promise<unknown> = Promise.resolve();
  private evalQueued = false;
  private holdTimer: NodeJS.Timeout | null = null;
  private sourcesTimer: NodeJS.Timeout | null = null;
  private lastSourcesAt = 0;
  private lastSourcesShape = '';
  private lastSourcesData = '';
  private closed = false;

  private constructor(private readonly deps: CapabilityDeps) {
    this.book = new AlarmBook(deps.store, deps.now);
    this.config = new PowerConfigStore(deps.store, deps.now);
    this.maps = loadRegisterMaps(deps.dataDir, deps.log);
    this.thresholds = this.config.thresholds();
    this.sm = new PowerStateMachine(deps.now());
    this.reason = { zh: '正在读取电源状态', en: 'Reading the power sources' };
  }

  static async open(deps: CapabilityDeps): Promise<PowerService> {
    const svc = new PowerService(deps);
    await svc.startFresh();
    for (const cfg of svc.config.sources()) svc.startSource(cfg);
    svc.queueEvaluate();
    return svc;
  }

  /**
   * A new run knows nothing yet: the state starts UNKNOWN (recorded if the last stored state was
   * another, without an alarm), and alarms left open by the previous run are closed, since their
   * condition is no longer known. Unacknowledged ones stay in the active list until acknowledged.
   */
  private async startFresh(): Promise<void> {
    const last = this.book.lastTransition();
    const open = this.book.openAlarmIds();
    if ((!last || last.to === 'UNKNOWN') && open.length === 0) return;
    const now = this.deps.now();
    await this.deps.store.write((tx) => {
      this.book.clearAlarms(tx, open, now);
      if (last && last.to !== 'UNKNOWN')
        this.book.insertTransition(tx, {
          at: now,
          from: last.to,
          to: 'UNKNOWN',
          reason: { zh: '应用启动，等待电源状态', en: 'The app started: waiting for the sources' },
          alarmId: null,
        });
    });
  }

  // ---- methods ------------------------------------------------------------------------------

  overview(): PowerOverview {
    const now = this.deps.now();
    const sources: PowerSourceStatus[] = this.liveSources().map((l) => ({ ...l, samples: this.running.get(l.id)?.history.sparkline() ?? [] }));
    return {
      state: this.sm.state,
      since: this.sm.since,
      reason: this.candidate.state === this.sm.state ? stateReason(this.candidate) : this.reason,
      pending: this.sm.pending(this.holdMs()),
      runtimeMinutes: this.leastRuntime(),
      fuelHours: this.leastFuelHours(),
      conserve: this.conserve,
      sources: sources.map((s) => ({ ...s, samples: s.samples.filter((p) => now - p.t <= SAMPLE_SPAN_MS) })),
      activeAlarms: this.book.active(),
      thresholds: this.thresholds,
    };
  }

  transitions(limit: number, before?: number) {
    return this.book.transitions(limit, before);
  }

  alarms(scope: 'active' | 'all', limit: number, before?: string) {
    return this.book.list(scope, limit, before);
  }

  async acknowledge(id: string, by: string, ctx: CallContext): Promise<PowerAlarm> {
    const alarm = await this.book.acknowledge(id, by, `${ctx.transport}:${ctx.peer}`);
    this.deps.bus.emit('power.alarmChanged', alarm);
    return alarm;
  }

  async mute(id: string, muted: boolean, by: string): Promise<PowerAlarm> {
    const { alarm, changed } = await this.book.mute(id, muted, by);
    if (changed) this.deps.bus.emit('power.alarmChanged', alarm);
    return alarm;
  }

  configView(): PowerConfig {
    return {
      sources: this.config.sources().map(viewOf),
      thresholds: this.thresholds,
      models: [...this.maps.values()].map((m) => ({ id: m.id, name: m.name })),
    };
  }

  async saveSource(input: PowerSourceInput): Promise<PowerConfig & { notice: PowerText | null }> {
    const { config: saved, dropped } = await this.config.save(input, [...this.maps.keys()]);
    await this.stopSource(saved.id, false);
    this.startSource(saved);
    this.queueEvaluate();
    return { ...this.configChanged(), notice: dropped ? DROPPED_NOTICE[dropped] : null };
  }

  async deleteSource(id: string): Promise<PowerConfig> {
    await this.config.remove(id);
    await this.stopSource(id, true);
    this.queueEvaluate();
    return this.configChanged();
  }

  async saveThresholds(patch: Partial<PowerThresholds>): Promise<PowerConfig> {
    this.thresholds = await this.config.saveThresholds(patch);
    this.queueEvaluate();
    return this.configChanged();
  }

  /** The Electron shell's powerMonitor: the app machine's own supply joins the state machine. */
  reportHostPower(onBattery: boolean, ctx: CallContext): { state: PowerState } {
    if (ctx.transport !== 'local')
      throw new RefusedError({
        zh: '只有本应用的外壳程序能上报本机供电状态（power.reportHostPower 不对 IPC 或大屏服务的客户端开放）',
        en: 'only the app’s own shell reports the host machine’s power (power.reportHostPower is not for IPC or hub clients)',
      });
    this.host = { onBattery, at: this.deps.now() };
    this.evaluate();
    return { state: this.sm.state };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    if (this.sourcesTimer) clearTimeout(this.sourcesTimer);
    await Promise.all([...this.running.values()].map((r) => r.driver?.stop()));
    this.running.clear();
    await this.chain.catch(() => undefined);
  }

  // ---- sources ------------------------------------------------------------------------------

  private startSource(config: PowerSourceConfig): void {
    const hooks = { now: this.deps.now, log: this.deps.log, changed: () => this.queueEvaluate() };
    let driver: PolledSource | null = null;
    let fixed: SourceSnapshot | null = null;
    const base = { lastUpdate: null, readings: emptyReadings(), connectedAt: null, firstStatusAt: null, startedAt: this.deps.now(), faults: [] };
    if (!config.enabled) fixed = { ...base, link: 'disabled', detail: 'disabled in its configuration' };
    else if (config.kind === 'nut') driver = new NutSource(config, hooks);
    else if (config.kind === 'snmp') driver = new SnmpSource(config, hooks);
    else {
      const map = this.maps.get(config.model);
      if (map) driver = new ModbusSource(config, map, hooks);
      else fixed = { ...base, link: 'error', detail: `no register map for controller model “${config.model}”` };
    }
    this.running.set(config.id, {
      config,
      driver,
      fixed,
      history: new SourceHistory(),
      lastRecorded: null,
      readings: emptyReadings(),
      verdict: { verdict: 'unknown', cause: 'starting', detail: null },
    });
    driver?.start();
  }

  private async stopSource(id: string, forget: boolean): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    await r.driver?.stop();
    if (!forget) return;
    // A deleted source's conditions end with it.
    const gone = [...this.conditions.entries()].filter(([k]) => k.startsWith(`${id}|`));
    for (const [k] of gone) this.conditions.delete(k);
    if (gone.length > 0) this.persist(() => this.clearRefs(gone.map(([, ref]) => ref)));
  }

  private configChanged(): PowerConfig {
    const c = this.configView();
    this.deps.bus.emit('power.configChanged', c);
    return c;
  }

  // ---- evaluation ---------------------------------------------------------------------------

  private queueEvaluate(): void {
    if (this.evalQueued || this.closed) return;
    this.evalQueued = true;
    // Coalesces sources that report in the same turn; runs before any timer.
    setImmediate(() => {
      this.evalQueued = false;
      if (!this.closed) this.evaluate();
    });
  }

  private holdMs(): number {
    return this.thresholds.recoveryHoldSeconds * 1000;
  }

  private evaluate(): void {
    const now = this.deps.now();
    const lowLatched = this.sm.state === 'LOW_BATTERY';
    const votes: SourceVote[] = [];
    for (const r of this.running.values()) {
      const snap = r.driver?.snapshot() ?? r.fixed!;
      r.readings = this.withEstimates(r, snap, now);
      r.verdict = sourceVerdict(r.config.kind, { ...snap, readings: r.readings }, now, this.thresholds, lowLatched);
      if (snap.link !== 'disabled') votes.push({ id: r.config.id, name: r.config.name, ...r.verdict });
    }
    if (this.host) votes.push({ id: HOST_SOURCE_ID, name: HOST_NAME, verdict: this.host.onBattery ? 'battery' : 'mains', cause: null, detail: null });

    this.candidate = aggregate(votes);
    const move = this.sm.step(this.candidate.state, now, this.holdMs());
    if (move) this.onMove(move.from, move.to, now);
    else if (this.sm.state === 'UNKNOWN' && this.candidate.state === 'UNKNOWN' && !this.candidate.silent && this.stateAlarm === null)
      this.raiseLateUnknown(now);
    this.updateConditions(now);
    this.armHoldTimer(now);
    this.maybeEmitSources(now);
  }

  /** Adds the runtime estimate (when the UPS reports none) and the fuel hours; records history. */
  private withEstimates(r: RunningSource, snap: SourceSnapshot, now: number): PowerReadings {
    const readings = { ...snap.readings };
    if (snap.link === 'online' && snap.lastUpdate !== null && snap.lastUpdate !== r.lastRecorded) {
      r.lastRecorded = snap.lastUpdate;
      r.history.record(now, readings);
    }
    if (readings.runtimeMinutes === null && readings.status.includes('OB')) {
      const est = r.history.runtimeEstimate(now);
      if (est !== null) {
        readings.runtimeMinutes = round(est, 1);
        readings.runtimeBasis = 'estimated';
      }
    } else if (readings.runtimeMinutes !== null) readings.runtimeMinutes = round(readings.runtimeMinutes, 1);
    if (r.config.kind === 'modbus' && readings.generatorRunning) readings.fuelHours = round(r.history.fuelHours(now), 1);
    return readings;
  }

  private onMove(from: PowerState, to: PowerState, now: number): void {
    const c = this.candidate;
    this.reason = stateReason(c);
    const reason = this.reason;
    const previous = this.stateAlarm;
    const ref: AlarmRef | null = c.silent ? null : { id: null };
    this.stateAlarm = ref;
    const words = ref ? stateAlarmWords(c, this.leastRuntime(c.deciding.map((v) => v.id)), this.generatorFuel()) : null;
    const conserveBefore = this.conserve;
    if (to === 'ON_BATTERY' || to === 'LOW_BATTERY') this.conserve = true;
    else if (to === 'MAINS' || to === 'ON_GENERATOR') this.conserve = false;
    const conserveChanged = this.conserve !== conserveBefore;
    const conserve = this.conserve;

    this.persist(async () => {
      const out = await this.deps.store.write((tx) => {
        const cleared = previous?.id ? this.book.clearAlarms(tx, [previous.id], now) : [];
        const alarm = words
          ? this.book.insertAlarm(
              tx,
              { code: STATE_CODE[to], severity: words.severity, sourceId: null, fromState: from, toState: to, message: words.message, action: words.action },
              now,
            )
          : null;
        const transition = this.book.insertTransition(tx, { at: now, from, to, reason, alarmId: alarm?.id ?? null });
        return { cleared, alarm, transition };
      });
      if (ref && out.alarm) ref.id = out.alarm.id;
      const bus = this.deps.bus;
      bus.emit('power.stateChanged', { transition: out.transition, conserve });
      if (out.alarm) bus.emit('power.alarmRaised', out.alarm);
      for (const a of out.cleared) bus.emit('power.alarmChanged', a);
      if (conserveChanged) bus.emit('power.conserve', { active: conserve, state: to, since: now, reason });
    });
  }

  /**
   * UNKNOWN entered without an alarm (sources starting, the app starting) that turns into a real
   * problem (a source unreachable past its grace) gets its alarm now: the state does not move, but
   * the operators must learn that a source cannot be read.
   */
  private raiseLateUnknown(now: number): void {
    const c = this.candidate;
    const ref: AlarmRef = { id: null };
    this.stateAlarm = ref;
    const words = stateAlarmWords(c, null, null);
    this.persist(async () => {
      const alarm = await this.deps.store.write((tx) =>
        this.book.insertAlarm(
          tx,
          {
            code: 'STATE_UNKNOWN',
            severity: words.severity,
            sourceId: null,
            fromState: null,
            toState: 'UNKNOWN',
            message: words.message,
            action: words.action,
          },
          now,
        ),
      );
      ref.id = alarm.id;
      this.deps.bus.emit('power.alarmRaised', alarm);
    });
  }

  /** Raises alarms for conditions that appeared on online sources; clears those that went. */
  private updateConditions(now: number): void {
    const seen = new Map<string, { c: Condition; r: RunningSource }>();
    const judged = new Set<string>();
    const active = new Set(this.conditions.keys());
    for (const r of this.running.values()) {
      const snap = r.driver?.snapshot();
      // An unreachable source's conditions are unknown: neither raised nor cleared meanwhile.
      if (!snap || snap.link !== 'online') continue;
      judged.add(r.config.id);
      for (const c of sourceConditions(r.config.id, r.config.kind, r.readings, snap.faults, this.thresholds, active)) seen.set(c.key, { c, r });
    }
    const ended: AlarmRef[] = [];
    for (const [key, ref] of this.conditions) {
      if (judged.has(key.split('|')[0]) && !seen.has(key)) {
        this.conditions.delete(key);
        ended.push(ref);
      }
    }
    const raised: { ref: AlarmRef; c: Condition; r: RunningSource }[] = [];
    for (const [key, { c, r }] of seen) {
      if (this.conditions.has(key)) continue;
      const ref: AlarmRef = { id: null };
      this.conditions.set(key, ref);
      raised.push({ ref, c, r });
    }
    if (ended.length > 0) this.persist(() => this.clearRefs(ended, now));
    if (raised.length === 0) return;
    const words = raised.map(({ c, r }) => ({ c, r, w: conditionAlarmWords(c, r.config.name, r.readings) }));
    this.persist(async () => {
      const alarms = await this.deps.store.write((tx) =>
        words.map(({ c, r, w }) =>
          this.book.insertAlarm(
            tx,
            { code: c.code, severity: w.severity, sourceId: r.config.id, fromState: null, toState: null, message: w.message, action: w.action },
            now,
          ),
        ),
      );
      alarms.forEach((a, i) => {
        raised[i].ref.id = a.id;
        this.deps.bus.emit('power.alarmRaised', a);
      });
    });
  }

  private async clearRefs(refs: AlarmRef[], at = this.deps.now()): Promise<void> {
    const ids = refs.map((r) => r.id).filter((id): id is string => id !== null);
    if (ids.length === 0) return;
    const cleared = await this.deps.store.write((tx) => this.book.clearAlarms(tx, ids, at));
    for (const a of cleared) this.deps.bus.emit('power.alarmChanged', a);
  }

  /** Durable work runs one after another, in the order it was decided; a failure is logged, never silent. */
  private persist(task: () => Promise<void>): void {
    this.chain = this.chain
      .then(task)
      .catch((err: unknown) => this.deps.log.error(`[power] could not store a power event: ${err instanceof Error ? err.message : String(err)}`));
  }

  private armHoldTimer(now: number): void {
    const pending = this.sm.pending(this.holdMs());
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    if (!pending || this.closed) return;
    // Sources poll often, but a host-only setup has no polls to re-evaluate on.
    this.holdTimer = setTimeout(() => this.evaluate(), Math.max(0, pending.until - now) + 5);
    this.holdTimer.unref?.();
  }

  // ---- tiles --------------------------------------------------------------------------------

  private liveSources(): PowerSourceLive[] {
    const out: PowerSourceLive[] = [];
    for (const r of this.running.values()) {
      const snap = r.driver?.snapshot() ?? r.fixed!;
      out.push({
        id: r.config.id,
        name: r.config.name,
        kind: r.config.kind,
        enabled: r.config.enabled,
        link: snap.link,
        verdict: r.verdict.verdict,
        detail: r.verdict.detail ?? snap.detail,
        lastUpdate: snap.lastUpdate,
        readings: r.readings,
        lastSample: r.history.lastSample(),
      });
    }
    if (this.host) {
      const readings = { ...emptyReadings(), status: [this.host.onBattery ? 'OB' : 'OL'] };
      out.push({
        id: HOST_SOURCE_ID,
        name: HOST_NAME,
        kind: 'host',
        enabled: true,
        link: 'online',
        verdict: this.host.onBattery ? 'battery' : 'mains',
        detail: null,
        lastUpdate: this.host.at,
        readings,
        lastSample: null,
      });
    }
    return out;
  }

  private maybeEmitSources(now: number): void {
    const live = this.liveSources();
    const shape = live.map((l) => `${l.id}:${l.link}:${l.verdict}`).join(',') + `|${this.sm.state}`;
    const data = JSON.stringify(live.map((l) => [l.readings, l.detail, l.lastSample?.t ?? null]));
    if (shape === this.lastSourcesShape && data === this.lastSourcesData) return;
    const urgent = shape !== this.lastSourcesShape;
    if (!urgent && now - this.lastSourcesAt < SOURCES_EVENT_MIN_MS) {
      // Trailing push so the last readings of a burst are not lost.
      if (!this.sourcesTimer && !this.closed) {
        this.sourcesTimer = setTimeout(
          () => {
            this.sourcesTimer = null;
            if (!this.closed) this.maybeEmitSources(this.deps.now());
          },
          SOURCES_EVENT_MIN_MS - (now - this.lastSourcesAt),
        );
        this.sourcesTimer.unref?.();
      }
      return;
    }
    this.lastSourcesShape = shape;
    this.lastSourcesData = data;
    this.lastSourcesAt = now;
    this.deps.bus.emit('power.sourcesChanged', { state: this.sm.state, runtimeMinutes: this.leastRuntime(), fuelHours: this.leastFuelHours(), sources: live });
  }

  /** The least runtime among sources on battery (or among `ids`), in minutes. */
  private leastRuntime(ids?: string[]): number | null {
    let least: number | null = null;
    for (const r of this.running.values()) {
      if (ids ? !ids.includes(r.config.id) : r.verdict.verdict !== 'battery' && r.verdict.verdict !== 'low-battery') continue;
      const m = r.readings.runtimeMinutes;
      if (m !== null && (least === null || m < least)) least = m;
    }
    return least;
  }

  private leastFuelHours(): number | null {
    let least: number | null = null;
    for (const r of this.running.values()) {
      const h = r.readings.generatorRunning ? r.readings.fuelHours : null;
      if (h !== null && (least === null || h < least)) least = h;
    }
    return least;
  }

  private generatorFuel(): number | null {
    for (const r of this.running.values())
      if (r.config.kind === 'modbus' && r.readings.generatorRunning && r.readings.fuelPercent !== null) return r.readings.fuelPercent;
    return null;
  }
}
