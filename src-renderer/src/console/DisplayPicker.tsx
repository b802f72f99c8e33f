// Which wall display the console is driving, and what that display shows now; the events that
// have switched the wall (acknowledge to switch back); the room (type scale) and alarm presets.
import { useState } from 'react';
import { ALARM_KINDS, DEFAULT_WALL_SETTINGS, type AlarmKind } from '@contract/wall';
import { useT } from '../i18n/use-t';
import { appSlice } from '../state/app/app-slice';
import { useCommands, useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { typeScale } from '../wall/type-scale';
import { CommandStatus } from './CommandStatus';
import { displayChoices } from './console-choices';
import { Field } from './Field';
import { useCommand } from './use-command';
import { DisplaySchedule } from './wall-schedule/DisplaySchedule';

export function DisplayPicker({ display, onChange }: { display: number; onChange(display: number): void }) {
  const t = useT();
  const settings = useSlice(appSlice, (s) => s.settings);
  const wall = useSlice(wallSlice, (s) => s.wall);
  const activeId = wall?.active[String(display)];
  const active = wall?.presets.find((p) => p.id === activeId);
  return (
    <>
      <WallAlarmNotice />
      <div className="display-picker">
        <Field label={t('console.display')}>
          <select data-testid="display-select" value={display} onChange={(e) => onChange(Number(e.target.value))}>
            {displayChoices(settings, wall).map((n) => (
              <option key={n} value={n}>
                {/* Counted from 1 for people, as the server's messages do; the value is the index. */}
                {t('console.displayOption', { n: n + 1 })}
              </option>
            ))}
          </select>
        </Field>
        <span className="display-shows" data-testid="display-shows">
          {active ? t('console.displayShows', { name: active.name }) : t('console.displayShowsNothing')}
        </span>
      </div>
      <DisplaySchedule display={display} />
      <details className="wall-room-details">
        <summary>{t('console.wallRoom')}</summary>
        <WallRoomSettings />
      </details>
    </>
  );
}

/** The events that have switched the wall to their preset, and the acknowledgement that switches it back. */
export function WallAlarmNotice() {
  const t = useT();
  const alarms = useSlice(wallSlice, (s) => s.wall?.alarms) ?? [];
  const { acknowledgeWallAlarm } = useCommands(wallSlice);
  if (alarms.length === 0) return null;
  return (
    <div className="wall-alarm-notice" role="alert" data-testid="wall-alarm-notice">
      <ul>
        {alarms.map((a) => (
          <li key={a.key} data-kind={a.kind}>
            {t('console.wallAlarm', { kind: t(`console.alarmKind.${a.kind}`), title: a.title })}
          </li>
        ))}
      </ul>
      <button type="button" className="primary" data-testid="wall-alarm-ack" onClick={() => void acknowledgeWallAlarm()}>
        {t('console.wallAlarmAck')}
      </button>
    </div>
  );
}

const ROOM_SCREENS = [3840, 1920] as const;

/**
 * The room the wall is read in (its width and the farthest seat that must read it), which sets the
 * wall's type scale, and the preset each alarm kind switches the wall to.
 */
export function WallRoomSettings() {
  const t = useT();
  const wall = useSlice(wallSlice, (s) => s.wall);
  const settings = wall?.settings ?? DEFAULT_WALL_SETTINGS;
  const { saveWallSettings } = useCommands(wallSlice);
  const cmd = useCommand();
  const [width, setWidth] = useState(String(settings.widthM));
  const [distance, setDistance] = useState(String(settings.viewingDistanceM));
  const [presetFor, setPresetFor] = useState<Partial<Record<AlarmKind, string>>>(settings.alarmPresets);
  const widthM = Number(width);
  const distanceM = Number(distance);
  const valid = widthM >= 0.3 && widthM <= 60 && distanceM >= 0.5 && distanceM <= 100;
  const save = (): void => {
    const alarmPresets: Partial<Record<AlarmKind, string>> = {};
    for (const k of ALARM_KINDS) if (presetFor[k]) alarmPresets[k] = presetFor[k];
    void cmd.run(() => saveWallSettings({ widthM, viewingDistanceM: distanceM, alarmPresets }));
  };
  return (
    <form
      className="wall-room"
      data-testid="wall-room"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) save();
      }}
    >
      <h2>{t('console.wallRoom')}</h2>
      <div className="form-row">
        <Field label={t('console.wallWidth')}>
          <input data-testid="wall-width" type="number" min={0.3} max={60} step={0.1} value={width} onChange={(e) => setWidth(e.target.value)} />
        </Field>
        <Field label={t('console.wallDistance')}>
          <input data-testid="wall-distance" type="number" min={0.5} max={100} step={0.5} value={distance} onChange={(e) => setDistance(e.target.value)} />
        </Field>
      </div>
      {valid && (
        <p className="field-hint" data-testid="wall-scale">
          {ROOM_SCREENS.map((px) => {
            const s = typeScale({ widthM, viewingDistanceM: distanceM }, px);
            return <span key={px}>{t('console.wallScale', { px, min: s.minPx, main: s.mainPx })} </span>;
          })}
        </p>
      )}
      <div className="form-row">
        {ALARM_KINDS.map((k) => (
          <Field key={k} label={t(`console.alarmKind.${k}`)}>
            <select
              data-testid={`alarm-preset-${k}`}
              value={presetFor[k] ?? ''}
              onChange={(e) => setPresetFor({ ...presetFor, [k]: e.target.value || undefined })}
            >
              <option value="">{t('console.alarmNoSwitch')}</option>
              {(wall?.presets ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="wall-room-save" disabled={!valid || cmd.busy}>
          {t('console.wallRoomSave')}
        </button>
        <CommandStatus cmd={cmd} testId="wall-room" />
      </div>
    </form>
  );
}
