// The 大屏 tab's per-display schedule (issue 17): what every display shows now and next, and the
// chosen display's daily rows (day / night / drill, each from a start time to the next row's),
// checked as typed in the page's language and saved as that display's WallSchedule windows.
import { useMemo, useState } from 'react';
import type { WallPreset, WallSchedule } from '@contract/wall';
import { useT } from '../../i18n/use-t';
import { appSlice } from '../../state/app/app-slice';
import { useCommands, useSlice } from '../../state/context';
import { wallSlice } from '../../state/wall/wall-slice';
import { useServerNow } from '../../shared/use-server-now';
import { CommandStatus } from '../CommandStatus';
import { displayChoices } from '../console-choices';
import { Field } from '../Field';
import { StillToFix } from '../StillToFix';
import { useCommand, type Command } from '../use-command';
import {
  checkRows,
  mergeSchedules,
  minutesOf,
  newRow,
  nowAndNext,
  ROW_KINDS,
  rowsFor,
  sharedFor,
  toSchedules,
  type RowKind,
  type RowProblem,
  type ScheduleRow,
} from './schedule-draft';

const NONE: readonly WallSchedule[] = [];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const NO_PRESETS: readonly WallPreset[] = [];

/** The rows of one display, keyed by display so switching displays starts from what is stored. */
export function DisplaySchedule({ display }: { display: number }) {
  const schedules = useSlice(wallSlice, (s) => s.wall?.settings?.schedules) ?? NONE;
  // Held here, not in the rows: a save remounts the rows on what the hub kept, and its note stays.
  const cmd = useCommand();
  return (
    <section className="display-schedule" data-testid="display-schedule" aria-labelledby="display-schedule-title">
      <DisplaysNowNext />
      <ScheduleRows
        key={`${display}:${JSON.stringify(schedules.filter((s) => s.displays.includes(display)))}`}
        display={display}
        schedules={schedules}
        cmd={cmd}
      />
    </section>
  );
}

/** Every display: what it shows now (and why), and what its schedule does next. */
function DisplaysNowNext() {
  const t = useT();
  const wall = useSlice(wallSlice, (s) => s.wall);
  const settings = useSlice(appSlice, (s) => s.settings);
  const now = useServerNow(30_000);
  const schedules = wall?.settings?.schedules ?? NONE;
  const name = (id: string | undefined): string => wall?.presets.find((p) => p.id === id)?.name ?? (id ? id : t('wallSchedule.nothing'));
  const held = (wall?.alarms?.length ?? 0) > 0;
  return (
    <table className="display-now-next" data-testid="display-now-next">
      <caption>{t('wallSchedule.nowNextTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('wallSchedule.display')}</th>
          <th scope="col">{t('wallSchedule.now')}</th>
          <th scope="col">{t('wallSchedule.next')}</th>
        </tr>
      </thead>
      <tbody>
        {displayChoices(settings, wall).map((d) => {
          const { now: window, next } = nowAndNext(schedules, d, now);
          const reason =
            held && wall?.restore?.[String(d)] !== undefined
              ? t('wallSchedule.byAlarm')
              : window && wall?.scheduled?.[String(d)] === window.id
                ? t('wallSchedule.bySchedule', { name: window.name })
                : t('wallSchedule.byOperator');
          return (
            <tr key={d} data-testid="display-now-next-row" data-display={d}>
              <th scope="row">{t('console.displayOption', { n: d + 1 })}</th>
              <td>
                {name(wall?.active[String(d)])} <span className="field-hint">{reason}</span>
              </td>
              <td>
                {next === null
                  ? t('wallSchedule.noSchedule')
                  : next.window
                    ? t('wallSchedule.nextTo', { at: next.at, name: name(next.window.presetId), window: next.window.name })
                    : t('wallSchedule.nextBack', { at: next.at })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ScheduleRows({ display, schedules, cmd }: { display: number; schedules: readonly WallSchedule[]; cmd: Command }) {
  const t = useT();
  const presets = useSlice(wallSlice, (s) => s.wall?.presets) ?? NO_PRESETS;
  const { saveWallSettings } = useCommands(wallSlice);
  const [rows, setRows] = useState<ScheduleRow[]>(() => rowsFor(schedules, display));
  const [touched, setTouched] = useState<ReadonlySet<string> | 'all'>(() => new Set());
  const presetIds = useMemo(() => presets.map((p) => p.id), [presets]);
  const problems = useMemo(() => checkRows(rows, display, schedules, presetIds), [rows, display, schedules, presetIds]);
  const shared = sharedFor(schedules, display);
  const kindName = (k: RowKind): string => t(`wallSchedule.kind.${k}`);
  const problemText = (p: RowProblem): string => t(`wallSchedule.problem.${p.code}`, { name: p.name ?? '', from: p.from ?? '', to: p.to ?? '' });
  const shown = (path: string): string | undefined => {
    if (touched !== 'all' && !touched.has(path)) return undefined;
    const p = problems.find((x) => x.path === path);
    return p ? problemText(p) : undefined;
  };
  const edit = (i: number, change: Partial<ScheduleRow>, field: string): void => {
    setTouched((prev) => (prev === 'all' ? prev : new Set([...prev, `rows.${i}.${field}`])));
    setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  };
  // StillToFix names each field that keeps Save disabled: "第 2 行的开始时间".
  const fieldName = (path: string): string => {
    const [, i, field] = path.split('.');
    if (i === undefined) return t('wallSchedule.rows');
    return t('wallSchedule.rowField', { n: Number(i) + 1, field: field === 'presetId' ? t('wallSchedule.preset') : t('wallSchedule.start') });
  };
  const errors = Object.fromEntries(problems.map((p) => [p.path.replaceAll('.', '_'), problemText(p)]));
  const labels = Object.fromEntries(problems.map((p) => [p.path.replaceAll('.', '_'), fieldName(p.path)]));
  const save = (): void => {
    setTouched('all');
    if (problems.length > 0) return;
    const names = { day: kindName('day'), night: kindName('night'), drill: kindName('drill') };
    const next = mergeSchedules(schedules, display, toSchedules(rows, display, names));
    void cmd.run(() => saveWallSettings({ schedules: next }));
  };
  // Rows stay where the operator put them while they edit (stored rows load in time order); each
  // says until when it runs: the next start in time order.
  const timed = rows.filter((r) => TIME.test(r.start)).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const until = (r: ScheduleRow): string | null => {
    const n = timed.indexOf(r);
    return n < 0 || timed.length < 2 ? null : timed[(n + 1) % timed.length].start;
  };
  return (
    <form
      className="schedule-rows"
      data-testid="schedule-rows"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id="display-schedule-title">{t('wallSchedule.title', { n: display + 1 })}</h3>
      <p className="field-hint">{t('wallSchedule.hint')}</p>
      {rows.length === 0 && <p data-testid="display-schedule-none">{t('wallSchedule.none')}</p>}
      {rows.map((r, i) => {
        const to = until(r);
        return (
          <div className="form-row schedule-row" key={r.key} data-testid="display-schedule-row">
            <Field label={t('wallSchedule.kindLabel')}>
              <select data-testid="row-kind" value={r.kind} onChange={(e) => edit(i, { kind: e.target.value as RowKind }, 'kind')}>
                {ROW_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindName(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('wallSchedule.start')} error={shown(`rows.${i}.start`)}>
              <input
                data-testid="row-start"
                type="time"
                value={r.start}
                aria-invalid={shown(`rows.${i}.start`) ? true : undefined}
                onChange={(e) => edit(i, { start: e.target.value }, 'start')}
              />
            </Field>
            <Field label={t('wallSchedule.preset')} error={r.kind === 'off' ? undefined : shown(`rows.${i}.presetId`)}>
              <select
                data-testid="row-preset"
                value={r.kind === 'off' ? '' : r.presetId}
                disabled={r.kind === 'off'}
                aria-invalid={shown(`rows.${i}.presetId`) ? true : undefined}
                onChange={(e) => edit(i, { presetId: e.target.value }, 'presetId')}
              >
                <option value="">{r.kind === 'off' ? t('wallSchedule.offPreset') : t('wallSchedule.choosePreset')}</option>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            <span className="field-hint tabular" data-testid="row-until">
              {to === null ? '' : t('wallSchedule.until', { to })}
            </span>
            {/* No confirmation: this edits the unsaved rows only; nothing changes until 保存 (reload or switch displays to drop it). */}
            <button type="button" data-testid="row-remove" onClick={() => (setRows(rows.filter((_, j) => j !== i)), setTouched('all'))}>
              {t('wallSchedule.removeRow')}
            </button>
          </div>
        );
      })}
      {shared.length > 0 && (
        <p className="field-hint" data-testid="display-schedule-shared">
          {t('wallSchedule.shared', { windows: shared.map((s) => `${s.name} ${s.from}–${s.to}`).join(t('form.listSeparator')) })}
        </p>
      )}
      {touched === 'all' && problems.some((p) => p.path === 'rows') && (
        <p className="field-error" role="alert">
          {problemText(problems.find((p) => p.path === 'rows')!)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" data-testid="row-add" onClick={() => setRows([...rows, newRow(rows.length === 0 ? 'day' : 'night')])}>
          {t('wallSchedule.addRow')}
        </button>
        <button type="submit" className="primary" data-testid="display-schedule-save" disabled={problems.length > 0 || cmd.busy}>
          {t('wallSchedule.save')}
        </button>
        {problems.length > 0 && <StillToFix errors={errors} labels={labels} />}
        <CommandStatus cmd={cmd} testId="display-schedule" />
      </div>
    </form>
  );
}
