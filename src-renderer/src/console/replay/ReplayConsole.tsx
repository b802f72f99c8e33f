// The console's 复盘 tab: pick an incident (a response and its span), move the time slider or play
// it at 1×/10×/60×, and read the district as it was at that moment (open reports, responses, tasks,
// teams, stock, warnings) with the significant events up to it. The tab alone is put into replay,
// until the operator shows the moment on the wall (复盘上墙: wall.startReplay); the wall goes back to
// live from here, or by itself after its return time (the wall setting replayReturnMin, set here).
// The after-action report (复盘报告) downloads as .docx.
import { useEffect, useState } from 'react';
import type { Incident } from '@contract/replay';
import { DEFAULT_REPLAY_RETURN_MIN, WallSettings } from '@contract/wall';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { clampMoment, nextMoment, PLAY_TICK_MS, REPLAY_SPEEDS, type ReplaySpeed } from '../../state/replay/replay';
import { replaySlice } from '../../state/replay/replay-slice';
import { wallSlice } from '../../state/wall/wall-slice';
import { hhmm } from '../../state/duty/format';
import { formatTime } from '../../shared/format';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { useDraftCheck } from '../use-draft-check';
import { TextField } from '../Field';
import { saveDownload } from '../duty/file-io';
import { ReplayStateView } from './ReplayStateView';
import './replay-console.css';

export function ReplayConsole() {
  const t = useT();
  const incidents = useSlice(replaySlice, (s) => s.incidents);
  const [chosen, setChosen] = useState<string | null>(null);
  const incident = incidents.find((i) => i.responseId === chosen) ?? incidents[0] ?? null;
  return (
    <section className="console-section replay-section" data-testid="replay-console">
      <h2>{t('replay.title')}</h2>
      <p className="replay-note">{t('replay.note')}</p>
      {incidents.length === 0 ? (
        <p className="unset">{t('replay.noIncidents')}</p>
      ) : (
        <>
          <label className="replay-incident">
            {t('replay.incident')}
            <select data-testid="replay-incident" value={incident?.responseId ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {incidents.map((i) => (
                <option key={i.responseId} value={i.responseId}>
                  {i.title}（{formatTime(i.from)}
                  {i.active ? ` · ${t('replay.active')}` : ''}）
                </option>
              ))}
            </select>
          </label>
          {incident && <ReplayControl key={incident.responseId} incident={incident} />}
        </>
      )}
    </section>
  );
}

function ReplayControl({ incident }: { incident: Incident }) {
  const t = useT();
  const { seekReplay, exportAfterAction } = useCommands(replaySlice);
  const shownAt = useSlice(replaySlice, (s) => s.at);
  const state = useSlice(replaySlice, (s) => s.state);
  const events = useSlice(replaySlice, (s) => s.events);
  const span = { from: incident.from, to: incident.to };
  const [at, setAt] = useState(incident.from);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(60);
  const report = useCommand();

  // Every moment chosen (by the slider or by playback) is read from the server.
  useEffect(() => {
    void seekReplay(at, incident.from);
  }, [at, incident.from, seekReplay]);
  // Playback: the moment moves on at the speed chosen, and stops at the span's end.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setAt((a) => {
        const next = nextMoment(a, speed, PLAY_TICK_MS, span.to);
        if (next >= span.to) setPlaying(false);
        return next;
      });
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, span.to]);

  const download = async (): Promise<void> => {
    const file = await report.run(
      () => exportAfterAction(incident.responseId),
      (f) => f.fileName,
    );
    if (file) saveDownload(file);
  };
  return (
    <div className="replay-control" data-testid="replay-control">
      <div className="replay-time" data-testid="replay-time" aria-live="polite">
        {t('replay.at', { at: formatTime(at) })}
      </div>
      <input
        type="range"
        className="replay-slider"
        data-testid="replay-slider"
        aria-label={t('replay.slider')}
        min={span.from}
        max={span.to}
        step={1000}
        value={at}
        onChange={(e) => setAt(clampMoment(Number(e.target.value), span))}
      />
      <div className="replay-span">
        <span>{formatTime(span.from)}</span>
        <span>{incident.active ? t('replay.now', { at: formatTime(span.to) }) : formatTime(span.to)}</span>
      </div>
      <div className="replay-buttons">
        <button
          type="button"
          data-testid="replay-play"
          onClick={() => {
            if (!playing && at >= span.to) setAt(span.from);
            setPlaying(!playing);
          }}
        >
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        {REPLAY_SPEEDS.map((s) => (
          <button key={s} type="button" aria-pressed={speed === s} data-testid={`replay-speed-${s}`} onClick={() => setSpeed(s)}>
            {s}×
          </button>
        ))}
        <button type="button" data-testid="replay-export" disabled={report.busy} onClick={() => void download()}>
          {t('replay.export')}
        </button>
        <CommandStatus cmd={report} testId="replay-export" />
      </div>
      <WallReplayControl at={at} />
      {state && shownAt !== null && <ReplayStateView state={state} events={events} />}
    </div>
  );
}

/** 复盘上墙: show the moment chosen on the whole wall, and take the wall back to live. */
function WallReplayControl({ at }: { at: number }) {
  const t = useT();
  const { startWallReplay, endWallReplay } = useCommands(wallSlice);
  const onWall = useSlice(wallSlice, (s) => s.wall?.replay ?? null);
  const show = useCommand();
  const back = useCommand();
  return (
    <div className="replay-wall" data-testid="replay-wall" data-on-wall={onWall ? onWall.at : ''}>
      <div className="replay-buttons">
        <button type="button" data-testid="replay-show-on-wall" disabled={show.busy} onClick={() => void show.run(() => startWallReplay(at))}>
          {t('replay.showOnWall', { at: hhmm(at) })}
        </button>
        {onWall && (
          <button type="button" data-testid="replay-wall-live" disabled={back.busy} onClick={() => void back.run(() => endWallReplay())}>
            {t('replay.wallBackToLive')}
          </button>
        )}
        <CommandStatus cmd={show} testId="replay-show-on-wall" />
        <CommandStatus cmd={back} testId="replay-wall-live" />
      </div>
      <p className="replay-wall-state" role="status" data-testid="replay-wall-state">
        {onWall ? t('replay.wallInReplay', { at: hhmm(onWall.at), until: hhmm(onWall.until) }) : t('replay.wallLive')}
      </p>
      <ReplayReturnSetting />
    </div>
  );
}

const ReturnDraft = WallSettings.pick({ replayReturnMin: true }).required();

/** The wall setting replayReturnMin: how many minutes a replay stays on the wall before it goes back to live by itself. */
export function ReplayReturnSetting() {
  const t = useT();
  const stored = useSlice(wallSlice, (s) => s.wall?.settings?.replayReturnMin ?? null);
  const { saveWallSettings } = useCommands(wallSlice);
  const cmd = useCommand();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(stored ?? DEFAULT_REPLAY_RETURN_MIN);
  const minutes = shown.trim() === '' ? Number.NaN : Number(shown);
  const check = useDraftCheck(ReturnDraft, { replayReturnMin: minutes });
  return (
    <form
      className="replay-return"
      data-testid="replay-return"
      data-stored={stored ?? ''}
      onSubmit={(e) => {
        e.preventDefault();
        check.attempt();
        if (!check.valid) return;
        void cmd
          .run(
            () => saveWallSettings({ replayReturnMin: minutes }),
            () => t('replay.returnMinSaved', { min: minutes }),
          )
          .then((r) => {
            if (r !== undefined) setText(null);
          });
      }}
    >
      <TextField
        type="number"
        inputMode="numeric"
        label={t('replay.returnMin')}
        hint={t('replay.returnMinHint', { min: DEFAULT_REPLAY_RETURN_MIN })}
        error={check.shown('replayReturnMin')}
        testId="replay-return-min"
        value={shown}
        onChange={(v) => {
          setText(v);
          check.touch('replayReturnMin');
        }}
      />
      <button type="submit" data-testid="replay-return-save" disabled={cmd.busy || !check.valid}>
        {t('replay.returnMinSave')}
      </button>
      <CommandStatus cmd={cmd} testId="replay-return-save" />
    </form>
  );
}
