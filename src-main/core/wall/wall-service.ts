// Wall presets: named layouts with a panel per cell, which preset each display shows, the alarms
// that switch it (alarm-switch.ts) and the presets on a schedule (schedule.ts).
import { z } from 'zod';
import { standardLayout } from '../contract/layouts';
import { RefusedError } from '../contract/errors';
import {
  ALARM_KINDS,
  DEFAULT_REPLAY_RETURN_MIN,
  DEFAULT_WALL_SETTINGS,
  WallReplay,
  WallAlarm,
  WallPreset,
  WallSettings,
  type AlarmKind,
  type WallSchedule,
  type WallState,
} from '../contract/schemas';
import type { EventBus } from '../events';
import { readKv, writeKv } from '../kv';
import { CrossingWatch } from '../shared/crossing-watch';
import type { Store, Tx } from '../store';
import { firstOverlap, nextBoundary, windowAt } from './schedule';

const SETTINGS_KEY = 'wall.settings';
const ALARM_KEY = 'wall.alarm';
const SCHEDULE_KEY = 'wall.schedule';
/** The wall in replay (复盘上墙): the record, or null when live. */
const REPLAY_KEY = 'wall.replay';
const ReplayRecord = z.object({ replay: WallReplay.nullable() });
const NO_REPLAY = { replay: null };

/**
 * Where the schedules stand: the instant they were last applied (a boundary after it and up to
 * now is still to apply, also after a restart), the schedule each display was put on (with the
 * preset it showed, so an edited schedule applies again), and what each display showed before its
 * window opened (where it goes back to when the window closes).
 */
const ScheduleRecord = z.object({
  appliedAt: z.number(),
  current: z.record(z.string(), z.object({ id: z.string(), presetId: z.string() })),
  base: z.record(z.string(), z.string()),
});
type ScheduleRecord = z.infer<typeof ScheduleRecord>;
const NO_SCHEDULE: ScheduleRecord = { appliedAt: 0, current: {}, base: {} };
/** The wall's clocks wake at the next boundary or return time, or after this long to notice a clock that jumped. */
const MAX_SLEEP_MS = 60_000;

/** The open alarms, what to go back to, and what was acknowledged (so a repeat of it does not switch again). */
const AlarmRecord = z.object({
  alarms: z.array(WallAlarm),
  restore: z.record(z.string(), z.string()),
  acknowledged: z.array(z.string()),
});
type AlarmRecord = z.infer<typeof AlarmRecord>;
const NO_ALARM: AlarmRecord = { alarms: [], restore: {}, acknowledged: [] };
/** Acknowledged alarms remembered, newest last: enough for every warning, response and power alarm of a long event. */
const ACK_KEPT = 500;

const ackId = (a: Pick<WallAlarm, 'kind' | 'key'>): string => `${a.kind}:${a.key}`;
const byUrgency = (a: WallAlarm, b: WallAlarm): number => ALARM_KINDS.indexOf(a.kind) - ALARM_KINDS.indexOf(b.kind) || a.since - b.since;

/** An event that switches the wall (alarm-switch.ts), before it is given a time. */
export type AlarmOpening = Omit<WallAlarm, 'since'>;

/**
 * What a fresh wall shows: a real command picture, no empty cell. 综合态势 has the one map in the
 * large cell and who is on duty, the warnings in force, the live plan responses, the power state and
 * the duty log around it; the others are made of the same panels. Seeded once, on an empty store
 * (ensureDefaults): a store with presets keeps its own.
 */
export const DEFAULT_PRESETS: WallPreset[] = [
  {
    id: 'overview',
    name: '综合态势',
    layout: standardLayout('1+5'),
    cells: ['map', 'duty-now', 'warnings', 'plan-responses', 'power', 'duty-log'],
  },
  { id: 'single', name: '单屏', layout: standardLayout('1x1'), cells: ['map'] },
  { id: 'quad', name: '四分屏', layout: standardLayout('2x2'), cells: ['map', 'warnings', 'plan-responses', 'power'] },
];

export interface WallServiceOptions {
  /** The longest sleep of the schedule and replay clocks (a clock jump is noticed within it); a minute unless a test says less. */
  maxWakeMs?: number;
}

export class WallService {
  /** Read-modify-write of the active presets and the alarm record, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Wakes at the next schedule boundary and applies it. */
  private readonly scheduleWatch: CrossingWatch;
  /** Wakes when the replay is due to return to live by itself. */
  private readonly replayWatch: CrossingWatch;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    opts: WallServiceOptions = {},
  ) {
    const maxWakeMs = opts.maxWakeMs ?? MAX_SLEEP_MS;
    // From where the schedules were last applied, not from now: a boundary passed while the hub was down applies at the first wake-up.
    this.scheduleWatch = new CrossingWatch({
      now,
      maxWakeMs,
      from: this.scheduleRecord().appliedAt,
      // Strictly after: a boundary at the very moment checked was applied by that check (catchUp reads the clock again).
      nextAfter: (from) => nextBoundary(this.schedules(), from),
      crossed: () => {
        this.serial(() => this.catchUp()).catch(() => undefined);
      },
    });
    // From the beginning of time: a replay whose return time passed while the hub was down goes back to live at the first wake-up.
    this.replayWatch = new CrossingWatch({
      now,
      maxWakeMs,
      from: 0,
      nextAfter: (from) => {
        const { replay } = readKv(this.store, REPLAY_KEY, ReplayRecord, NO_REPLAY);
        return replay && replay.until > from ? replay.until : null;
      },
      crossed: () => {
        this.serial(() => this.returnToLiveIfDue()).catch(() => undefined);
      },
    });
  }

  /** Starts both clocks; what fell due while the hub was down is applied at their first wake-up, just after the wall opens. */
  startClocks(): void {
    this.scheduleWatch.schedule();
    this.replayWatch.schedule();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Seeds the default presets once, on a store that has none. */
  async ensureDefaults(): Promise<void> {
    const { n } = this.store.get<{ n: number }>('SELECT count(*) AS n FROM wall_preset') ?? { n: 0 };
    if (n > 0) return;
    await this.store.write((tx) => {
      for (const p of DEFAULT_PRESETS) this.put(tx, p);
      tx.run('INSERT INTO wall_active (display, preset_id) VALUES (0, ?)', [DEFAULT_PRESETS[0].id]);
    });
  }

  state(): WallState {
    const presets = this.store.all<{ spec: string }>('SELECT spec FROM wall_preset ORDER BY rowid').map((r) => WallPreset.parse(JSON.parse(r.spec)));
    const active: Record<string, string> = {};
    for (const r of this.store.all<{ display: number; preset_id: string }>('SELECT display, preset_id FROM wall_active'))
      active[String(r.display)] = r.preset_id;
    const alarm = this.alarmRecord();
    const scheduled = Object.fromEntries(Object.entries(this.scheduleRecord().current).map(([d, c]) => [d, c.id]));
    return { presets, active, settings: this.settings(), alarms: alarm.alarms, restore: alarm.restore, scheduled, replay: this.replay() };
  }

  // ---- the wall in replay (复盘上墙) ---------------------------------------------------------
  /** The replay in force: one past its `until` is over, even before its clock has cleared it. */
  replay(): WallReplay | null {
    const { replay } = readKv(this.store, REPLAY_KEY, ReplayRecord, NO_REPLAY);
    return replay && replay.until > this.now() ? replay : null;
  }

  /** Puts the whole wall into replay at `at` (a past moment) until the return time. */
  startReplay(at: number, by: string | null): Promise<WallState> {
    return this.serial(async () => {
      const now = this.now();
      if (at > now)
        throw new RefusedError(
          {
            zh: `回放时刻（at）在将来：只能回放已经过去的时刻（服务器时间 ${new Date(now).toISOString()}）`,
            en: `at lies in the future: only a past moment can be replayed on the wall (server time ${new Date(now).toISOString()})`,
          },
          { field: 'at' },
        );
      const minutes = this.settings().replayReturnMin ?? DEFAULT_REPLAY_RETURN_MIN;
      const replay: WallReplay = { at, since: now, until: now + minutes * 60_000, by };
      await this.store.write((tx) => writeKv(tx, REPLAY_KEY, { replay }, now));
      this.replayWatch.schedule();
      return this.changed();
    });
  }

  /** Takes the wall out of replay (an operator, or the return time passing). */
  endReplay(): Promise<WallState> {
    return this.serial(async () => {
      await this.clearReplay();
      return this.changed();
    });
  }

  private async clearReplay(): Promise<void> {
    const { replay } = readKv(this.store, REPLAY_KEY, ReplayRecord, NO_REPLAY);
    if (replay !== null) await this.store.write((tx) => writeKv(tx, REPLAY_KEY, NO_REPLAY, this.now()));
  }

  /** A replay past its return time goes back to live, and says so (inside serial). */
  private async returnToLiveIfDue(): Promise<void> {
    const rec = readKv(this.store, REPLAY_KEY, ReplayRecord, NO_REPLAY).replay;
    // None, or not yet (a newer replay was put on): its own crossing is still ahead.
    if (!rec || rec.until > this.now()) return;
    await this.clearReplay();
    this.changed();
  }

  /** The state, after applying any schedule boundary passed since the last look. */
  get(): Promise<WallState> {
    return this.serial(async () => {
      await this.catchUp();
      // A replay past its return time is over: cleared (and said) here too, not only by its clock.
      if (readKv(this.store, REPLAY_KEY, ReplayRecord, NO_REPLAY).replay && !this.replay()) {
        await this.clearReplay();
        return this.changed();
      }
      return this.state();
    });
  }

  settings(): WallSettings {
    return readKv(this.store, SETTINGS_KEY, WallSettings, DEFAULT_WALL_SETTINGS);
  }

  private alarmRecord(): AlarmRecord {
    return readKv(this.store, ALARM_KEY, AlarmRecord, NO_ALARM);
  }

  private scheduleRecord(): ScheduleRecord {
    return readKv(this.store, SCHEDULE_KEY, ScheduleRecord, NO_SCHEDULE);
  }

  private schedules(): WallSchedule[] {
    return this.settings().schedules ?? [];
  }

  saveSettings(patch: Partial<WallSettings>): Promise<WallState> {
    return this.serial(async () => {
      await this.catchUp();
      const next = WallSettings.parse({ ...this.settings(), ...patch });
      for (const [kind, id] of Object.entries(next.alarmPresets)) {
        if (!this.exists(id))
          throw new RefusedError(
            { zh: `告警切换预案（${kind}）所选的预案不存在：${id}`, en: `alarmPresets.${kind}: no preset with id ${id}` },
            { field: `alarmPresets.${kind}` },
          );
      }
      this.checkSchedules(next.schedules ?? []);
      await this.store.write((tx) => writeKv(tx, SETTINGS_KEY, next, this.now()));
      // A schedule saved (or changed) applies at once: the displays whose window it changes switch now.
      if (patch.schedules !== undefined) await this.applySchedules();
      this.scheduleWatch.schedule();
      return this.changed();
    });
  }

  private checkSchedules(schedules: readonly WallSchedule[]): void {
    const ids = new Set<string>();
    schedules.forEach((s, i) => {
      if (ids.has(s.id))
        throw new RefusedError(
          { zh: `第 ${i + 1} 条时间表与前面的重复（编号 ${s.id}）`, en: `schedules.${i}.id: a schedule with id ${s.id} is given twice` },
          { field: `schedules.${i}.id` },
        );
      ids.add(s.id);
      if (!this.exists(s.presetId))
        throw new RefusedError(
          { zh: `第 ${i + 1} 条时间表“${s.name}”所选的预案不存在：请重新选择预案`, en: `schedules.${i}.presetId: no preset with id ${s.presetId}` },
          { field: `schedules.${i}.presetId` },
        );
    });
    const clash = firstOverlap(schedules);
    if (clash) {
      const [a, b] = clash.map((i) => schedules[i]);
      throw new RefusedError(
        {
          zh: `时间表“${b.name}”（${b.from}–${b.to}）与同一屏的“${a.name}”（${a.from}–${a.to}）时间重叠：一块屏同一时间只能按一条时间表`,
          en: `schedules.${clash[1]}: “${b.name}” (${b.from}–${b.to}) overlaps “${a.name}” (${a.from}–${a.to}) on the same display; a display follows one schedule at a time`,
        },
        { field: `schedules.${clash[1]}` },
      );
    }
  }

  // ---- the schedule clock -----------------------------------------------------------------
  /** Applies the schedules if a boundary has passed since they were last applied (inside serial). */
  private async catchUp(): Promise<void> {
    const next = nextBoundary(this.schedules(), this.scheduleRecord().appliedAt);
    if (next !== null && next <= this.now()) await this.applySchedules();
  }

  /**
   * Puts every display on the preset its schedule says now, where that differs from what the
   * scheduler last put it on: a display whose window is unchanged keeps what the operator chose.
   * A display an open alarm holds keeps the alarm's preset; what it goes back to changes instead.
   */
  private async applySchedules(): Promise<void> {
    const now = this.now();
    const schedules = this.schedules();
    const rec = this.scheduleRecord();
    const alarm = this.alarmRecord();
    const { active } = this.state();
    const displays = new Set<number>([...Object.keys(active).map(Number), ...schedules.flatMap((s) => s.displays)]);
    const current = { ...rec.current };
    const base = { ...rec.base };
    const restore = { ...alarm.restore };
    const switches: Record<string, string> = {};
    let restoreChanged = false;
    for (const display of displays) {
      const key = String(display);
      const target = windowAt(schedules, display, now);
      const was = current[key];
      if (target?.id === was?.id && target?.presetId === was?.presetId) continue;
      const held = alarm.alarms.length > 0 && key in restore;
      const showing = held ? restore[key] : active[key];
      // Leaving the unscheduled state: remember what to come back to.
      if (!was && showing !== undefined) base[key] = showing;
      if (target) current[key] = { id: target.id, presetId: target.presetId };
      else delete current[key];
      const next = target ? target.presetId : base[key];
      if (next === undefined || !this.exists(next)) continue;
      if (held) {
        restore[key] = next;
        restoreChanged = true;
      } else if (active[key] !== next) switches[key] = next;
    }
    await this.store.write((tx) => {
      writeKv(tx, SCHEDULE_KEY, { appliedAt: now, current, base }, now);
      if (restoreChanged) writeKv(tx, ALARM_KEY, { ...alarm, restore }, now);
      for (const [display, id] of Object.entries(switches)) this.setActive(tx, Number(display), id);
    });
    if (restoreChanged || Object.keys(switches).length > 0 || Object.keys(current).length !== Object.keys(rec.current).length) this.changed();
  }

  close(): void {
    this.scheduleWatch.close();
    this.replayWatch.close();
  }

  /**
   * An event that switches the wall: recorded and shown unless its kind has no preset, it is
   * already open as that kind, or it was acknowledged before (an update of the same warning).
   */
  openAlarm(opening: AlarmOpening): Promise<void> {
    return this.serial(async () => {
      const target = this.settings().alarmPresets[opening.kind];
      const rec = this.alarmRecord();
      const same = rec.alarms.find((a) => a.key === opening.key);
      if (same?.kind === opening.kind || rec.acknowledged.includes(ackId(opening))) return;
      if (target === undefined || !this.exists(target)) {
        // No preset for this kind (any more): nothing switches, but an open alarm of the same event at another kind closes.
        if (same) await this.writeAlarms({ ...rec, alarms: rec.alarms.filter((a) => a !== same) });
        return;
      }
      const restore = rec.alarms.length === 0 ? this.state().active : rec.restore;
      const alarms = [...rec.alarms.filter((a) => a !== same), { ...opening, since: this.now() }].sort(byUrgency);
      await this.writeAlarms({ ...rec, alarms, restore });
    });
  }

  /** The event ended or was acknowledged (key), or the operator acknowledged every open alarm (no key). */
  closeAlarm(key: string | undefined, acknowledged: boolean): Promise<WallState> {
    return this.serial(async () => {
      const rec = this.alarmRecord();
      const closing = rec.alarms.filter((a) => key === undefined || a.key === key);
      if (closing.length === 0) return this.state();
      const ack = acknowledged ? [...rec.acknowledged, ...closing.map(ackId)].slice(-ACK_KEPT) : rec.acknowledged;
      await this.writeAlarms({ alarms: rec.alarms.filter((a) => !closing.includes(a)), restore: rec.restore, acknowledged: ack });
      return this.state();
    });
  }

  /** Writes the alarm record and the presets it puts on the displays, then says so. */
  private async writeAlarms(rec: AlarmRecord): Promise<void> {
    const presets = this.settings().alarmPresets;
    const top = rec.alarms[0];
    const next: Record<string, string> = {};
    if (top) {
      const target = presets[top.kind as AlarmKind];
      if (target !== undefined) for (const display of Object.keys(rec.restore)) next[display] = target;
    } else {
      // The last one closed: every display that was switched goes back (to a preset that still exists).
      for (const [display, id] of Object.entries(rec.restore)) if (this.exists(id)) next[display] = id;
    }
    const kept = top ? rec : { ...rec, restore: {} };
    await this.store.write((tx) => {
      writeKv(tx, ALARM_KEY, kept, this.now());
      for (const [display, id] of Object.entries(next)) this.setActive(tx, Number(display), id);
    });
    this.changed();
  }

  async savePreset(preset: WallPreset): Promise<WallState> {
    return this.serial(() => this.savePresetNow(preset));
  }

  private async savePresetNow(preset: WallPreset): Promise<WallState> {
    const clash = this.store.get<{ id: string }>('SELECT id FROM wall_preset WHERE name = ? AND id <> ?', [preset.name, preset.id]);
    if (clash)
      throw new RefusedError(
        { zh: `已有名为“${preset.name}”的预案：请换一个名称`, en: `a preset named “${preset.name}” already exists (id ${clash.id})` },
        { field: 'name' },
      );
    await this.store.write((tx) => this.put(tx, preset));
    return this.changed();
  }

  deletePreset(id: string): Promise<WallState> {
    return this.serial(() => this.deletePresetNow(id));
  }

  private async deletePresetNow(id: string): Promise<WallState> {
    this.mustExist(id);
    const kinds = Object.entries(this.settings().alarmPresets).filter(([, p]) => p === id);
    if (kinds.length > 0)
      throw new RefusedError({
        zh: `该预案是告警切换预案（${kinds.map(([k]) => k).join('、')}）：请先为它另选一个预案`,
        en: `preset ${id} is the preset for ${kinds.map(([k]) => k).join(', ')} (alarmPresets); choose another preset for it first`,
      });
    const scheduled = this.schedules().filter((s) => s.presetId === id);
    if (scheduled.length > 0)
      throw new RefusedError({
        zh: `该预案在时间表中（${scheduled.map((s) => `“${s.name}” ${s.from}–${s.to}`).join('、')}）：请先从时间表中移除`,
        en: `preset ${id} is on a schedule (${scheduled.map((s) => `“${s.name}” ${s.from}–${s.to}`).join(', ')}); remove it from the schedule first`,
      });
    const shown = this.store.all<{ display: number }>('SELECT display FROM wall_active WHERE preset_id = ?', [id]);
    if (shown.length > 0)
      throw new RefusedError({
        zh: `该预案正在第 ${shown.map((r) => r.display + 1).join('、')} 屏上显示：请先把该屏切换到其他预案`,
        en: `preset ${id} is showing on display ${shown.map((r) => r.display + 1).join(', ')}; switch that display to another preset first`,
      });
    await this.store.write((tx) => tx.run('DELETE FROM wall_preset WHERE id = ?', [id]));
    return this.changed();
  }

  activate(display: number, presetId: string): Promise<WallState> {
    return this.serial(async () => {
      this.mustExist(presetId);
      // A boundary passed first, then the operator's choice (which holds until the next one).
      await this.catchUp();
      // While an alarm holds the wall, the operator's own choice for a display stands: it is not switched back.
      const rec = this.alarmRecord();
      const restore = { ...rec.restore };
      delete restore[String(display)];
      await this.store.write((tx) => {
        this.setActive(tx, display, presetId);
        if (rec.alarms.length > 0 && String(display) in rec.restore) writeKv(tx, ALARM_KEY, { ...rec, restore }, this.now());
      });
      return this.changed();
    });
  }

  private setActive(tx: Tx, display: number, presetId: string): void {
    tx.run('INSERT INTO wall_active (display, preset_id) VALUES (?, ?) ON CONFLICT(display) DO UPDATE SET preset_id = excluded.preset_id', [display, presetId]);
  }

  private exists(id: string): boolean {
    return this.store.get('SELECT 1 AS one FROM wall_preset WHERE id = ?', [id]) !== undefined;
  }

  private put(tx: Tx, p: WallPreset): void {
    tx.run(
      'INSERT INTO wall_preset (id, name, spec, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, spec = excluded.spec, updated_at = excluded.updated_at',
      [p.id, p.name, JSON.stringify(p), this.now()],
    );
  }

  private mustExist(id: string): void {
    if (!this.exists(id)) throw new RefusedError({ zh: `没有编号为 ${id} 的预案（可能已被删除）`, en: `no preset with id ${id}` });
  }

  private changed(): WallState {
    const s = this.state();
    this.bus.emit('wall.changed', s);
    return s;
  }
}
