// Wall presets: a layout and a panel per cell, and the active preset of each display.
import { z } from 'zod';
import { event, method } from './define';
import { LayoutSpec } from './layouts';
import { Timestamp } from './primitives';

// ---- wall presets ------------------------------------------------------------------
export const PanelId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a panel id is lower-case letters, digits and dashes');

export const PresetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a preset id is lower-case letters, digits and dashes');

export const WallPreset = z
  .object({
    id: PresetId,
    name: z.string().trim().min(1, 'a preset needs a name').max(40),
    layout: LayoutSpec,
    /** Panel shown in each layout cell, in the order of layout.areas; null leaves it empty. */
    cells: z.array(PanelId.nullable()),
  })
  .superRefine((p, ctx) => {
    if (p.cells.length !== p.layout.areas.length)
      ctx.addIssue({ code: 'custom', path: ['cells'], message: `the layout has ${p.layout.areas.length} cells but ${p.cells.length} panels were given` });
  });
export type WallPreset = z.infer<typeof WallPreset>;

export const DisplayIndex = z.number().int().min(0).max(15);

// ---- the room and alarm-to-preset -----------------------------------------------------
/**
 * The events that switch the wall to a preset chosen for them (alarm-to-preset), most urgent first:
 * a new Level Ⅰ/Ⅱ response (or one raised to Ⅰ/Ⅱ), a red warning signal, a power alarm (warning or
 * critical), an orange warning signal. While several are open the wall shows the preset of the
 * most urgent one; when the last is acknowledged each display goes back to what it showed before.
 *
 * What acknowledges each (core/wall/alarm-switch.ts):
 *  - every kind: `wall.acknowledgeAlarm` (the console's 大屏 tab, "确认并恢复");
 *  - response-major: also the response closing, or its level lowered to Ⅲ/Ⅳ;
 *  - warning-red / warning-orange: also the warning cancelled or expired, or lowered below the
 *    level that switched (a red lowered to orange becomes an orange alarm);
 *  - power-alarm: also `power.acknowledgeAlarm` on that alarm (or the alarm leaving the active list);
 *  - task-alarm (a task still unacknowledged past its window, or not done by its deadline; one
 *    alarm per task and crossing, keyed `<taskId>#unacknowledged` / `<taskId>#overdue`): also the
 *    task received (ends the unacknowledged one), or done, refused or cancelled (ends both).
 * An operator who picks a preset for a display while an alarm is open keeps it: that display is
 * not switched back.
 */
export const AlarmKind = z.enum(['response-major', 'warning-red', 'power-alarm', 'task-alarm', 'warning-orange']);
export type AlarmKind = z.infer<typeof AlarmKind>;
export const ALARM_KINDS: readonly AlarmKind[] = AlarmKind.options;

/** A time of day in the centre's time (Beijing, UTC+8), hh:mm. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is hh:mm, from 00:00 to 23:59');

/**
 * A preset on a schedule: every day from `from` to `to` (centre time; a window whose end is
 * earlier than its start runs past midnight, e.g. night 22:00–07:00), the displays named (none:
 * every display) show `presetId`. Evaluated by the core against the server clock
 * (core/wall/schedule.ts):
 *  - at each boundary (a window opening or closing) a display goes to the preset of the window it
 *    is now in, or, in none, back to the preset it showed before the window opened (or the one the
 *    operator chose outside every window since);
 *  - an operator's choice holds until the next boundary of that display;
 *  - an open alarm always wins: a boundary while the alarm holds a display changes only what the
 *    display goes back to when the alarm is acknowledged;
 *  - windows of the same display never overlap (refused, naming both).
 */
export const WallSchedule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a schedule id is lower-case letters, digits and dashes'),
    name: z.string().trim().min(1, 'a schedule needs a name').max(40),
    presetId: PresetId,
    from: TimeOfDay,
    to: TimeOfDay,
    /** The displays it applies to (by index); empty: every display. */
    displays: z.array(DisplayIndex).max(16).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.from === s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `a schedule's window ends at another time than it starts (${s.from})` });
  });
export type WallSchedule = z.infer<typeof WallSchedule>;

/**
 * The room the wall is read in, and the preset for each alarm kind. The wall derives its type scale
 * from the room: letters at least viewing distance / 250 high (the minimum for any text) and / 200
 * for the main line of every item, in px through the screen's px per metre (wall/type-scale.ts).
 */
export const WallSettings = z.object({
  /** The visible width of one wall display, in metres. */
  widthM: z.number().min(0.3, 'a wall is at least 0.3 m wide').max(60, 'a wall is at most 60 m wide'),
  /** How far the farthest seat that must read the wall is from it, in metres. */
  viewingDistanceM: z.number().min(0.5, 'a viewing distance is at least 0.5 m').max(100, 'a viewing distance is at most 100 m'),
  /** The preset each alarm kind switches the wall to; a kind without one does not switch. */
  alarmPresets: z.partialRecord(AlarmKind, PresetId),
  /**
   * Presets on a schedule (WallSchedule); none when absent. Optional, not defaulted: a patch
   * (saveSettings' WallSettings.partial()) that leaves it out must keep the schedules.
   */
  schedules: z.array(WallSchedule).max(24).optional(),
  /**
   * How long the wall stays in replay before it goes back to live by itself (minutes; absent:
   * DEFAULT_REPLAY_RETURN_MIN), so a replay left on never hides the live picture.
   */
  replayReturnMin: z
    .number()
    .int()
    .min(1, 'the wall returns to live after at least 1 minute')
    .max(720, 'the wall returns to live within 720 minutes')
    .optional(),
});
export type WallSettings = z.infer<typeof WallSettings>;

/** A 3.6 m-wide wall read from 8 m, no alarm switching until presets are chosen, no schedule. */
export const DEFAULT_WALL_SETTINGS: WallSettings = { widthM: 3.6, viewingDistanceM: 8, alarmPresets: {} };

/** The wall returns to live by itself this many minutes after it was put into replay, unless set otherwise. */
export const DEFAULT_REPLAY_RETURN_MIN = 30;

/**
 * The wall in replay (复盘上墙): every display shows the district as it was at `at`
 * (replay.getAt) in the panels that replay folds (reports, responses, tasks, teams, stock,
 * warnings, and the map's tasks and teams); every other panel stays live and says so. Put on from
 * the console's 复盘 tab (wall.startReplay), back to live by wall.endReplay or by itself at
 * `until`. Stored (a restart keeps it, and a lapsed one is over), pushed in wall.changed.
 */
export const WallReplay = z.object({
  /** The moment shown. */
  at: Timestamp,
  /** When the wall was put into replay (server clock). */
  since: Timestamp,
  /** When it returns to live by itself (server clock). */
  until: Timestamp,
  /** Who put it on, by name, when known. */
  by: z.string().max(80).nullable(),
});
export type WallReplay = z.infer<typeof WallReplay>;

/** An open (not yet acknowledged) event that has switched the wall. */
export const WallAlarm = z.object({
  kind: AlarmKind,
  /** The warning, response or power alarm id. */
  key: z.string().max(80),
  /** What it is, in the words of its capability (e.g. 暴雨橙色预警信号). */
  title: z.string().max(200),
  since: z.number(),
});
export type WallAlarm = z.infer<typeof WallAlarm>;

export const WallState = z.object({
  presets: z.array(WallPreset),
  /** Active preset per display, by display index. */
  active: z.record(z.string(), PresetId),
  // The three below are always sent by this version's hub; optional so that the answer of an older
  // hub (and a state written before them) still reads: the defaults apply.
  settings: WallSettings.optional(),
  /** Open alarms that switched the wall, most urgent first. */
  alarms: z.array(WallAlarm).optional(),
  /** What each display showed before the first open alarm switched it (by display index); empty when none is open. */
  restore: z.record(z.string(), PresetId).optional(),
  /** The schedule each display was last put on by its window (by display index); absent: none. */
  scheduled: z.record(z.string(), z.string()).optional(),
  /** The wall in replay; null (or absent, from an older hub): live. */
  replay: WallReplay.nullable().optional(),
});
export type WallState = z.infer<typeof WallState>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const wallMethods = {
  'wall.get': method({
    right: 'read',
    summary: 'All wall presets and the active preset of each display.',
    params: z.strictObject({}),
    result: WallState,
  }),
  'wall.savePreset': method({
    right: 'wall.control',
    summary: 'Create or replace a named wall preset (layout plus a panel per cell).',
    params: z.strictObject({ preset: WallPreset }),
    result: WallState,
  }),
  'wall.removePreset': method({
    right: 'wall.control',
    summary: 'Delete a wall preset that no display is showing.',
    params: z.strictObject({ id: PresetId }),
    result: WallState,
  }),
  'wall.saveSettings': method({
    right: 'wall.control',
    summary:
      'Change the room (wall width and viewing distance, which set the type scale), the preset per alarm kind and the presets on a schedule; the fields left out keep their values.',
    params: z.strictObject({ patch: WallSettings.partial() }),
    result: WallState,
  }),
  'wall.acknowledgeAlarm': method({
    // Acknowledging what switched the wall is the duty room's work (a 值班员 does it), not set-up.
    right: 'duty.write',
    summary:
      'Acknowledge an open alarm that switched the wall (or all of them, with no key); when none is left open, each display goes back to its previous preset.',
    params: z.strictObject({ key: z.string().max(80).optional() }),
    result: WallState,
  }),
  'wall.startReplay': method({
    right: 'wall.control',
    summary:
      'Put the whole wall into replay at a past moment (复盘上墙): the panels replay folds show the district as it was then under a 回放 badge; it returns to live by wall.endReplay or by itself after replayReturnMin minutes (default 30).',
    params: z.strictObject({ at: Timestamp }),
    result: WallState,
  }),
  'wall.endReplay': method({
    right: 'wall.control',
    summary: 'Take the wall out of replay: every panel shows the live picture again.',
    params: z.strictObject({}),
    result: WallState,
  }),
  'wall.activate': method({
    right: 'wall.control',
    summary: 'Show a preset on a display.',
    params: z.strictObject({ display: DisplayIndex, presetId: PresetId }),
    result: WallState,
  }),
} as const;

export const wallEvents = {
  'wall.changed': event({ right: 'read', summary: 'Presets, active presets, alarms or the replay (复盘上墙) changed.', payload: WallState }),
} as const;
