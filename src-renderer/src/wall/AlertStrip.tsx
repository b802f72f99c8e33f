// The alert strip across the wall, above the grid: what matters most is biggest. It shows each
// warning signal in force (most severe first) with its description and instructions, one at a
// time when several (rotating), the response level in force, and the event that switched the wall
// to its alarm preset. With nothing in force it is not drawn: the grid has the room.
// While the wall is in replay (复盘上墙) it shows the warnings and the response level in force at
// the moment replayed (replay.getAt), tagged 回放 hh:mm, and is drawn even when none was in force
// then (so a missing strip is never read as "lifted now"); an alarm preset still in force now is
// tagged 实时.
import { RESPONSE_LEVEL_RANK, type Response } from '@contract/plans';
import { SIGNAL_LEVEL_LABELS, SIGNALS, type Warning } from '@contract/warnings';
import type { WallAlarm } from '@contract/wall';
import { useLanguage, useT } from '../i18n/use-t';
import { SignalIcon } from '../panels/warnings/SignalIcon';
import { LEVEL_NUMERALS } from '../panels/warnings/quiet-line';
import { useNow } from '../shared/use-now';
import { useSlice } from '../state/context';
import { hhmm } from '../state/duty/format';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import { warningsSlice } from '../state/warnings/warnings-slice';
import { wallSlice } from '../state/wall/wall-slice';
import { topResponseAt, warningsAt } from './replay-moment';

/** Each warning's text stays this long before the next one's. */
export const ROTATE_MS = 10_000;
const NO_ALARMS: WallAlarm[] = [];
const NO_RESPONSES: readonly Response[] = [];

function topResponse(responses: readonly Response[]): Response | undefined {
  return responses
    .filter((r) => r.status === 'active')
    .sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt)[0];
}

function WarningNow({ w, index, count }: { w: Warning; index: number; count: number }) {
  const t = useT();
  const lang = useLanguage();
  const name =
    lang === 'en'
      ? `${SIGNALS[w.type].en} ${SIGNAL_LEVEL_LABELS[w.level].en} warning`
      : w.event || `${SIGNALS[w.type].zh}${SIGNAL_LEVEL_LABELS[w.level].zh}预警信号`;
  return (
    <div className={`strip-warning strip-${w.level}`} data-testid="strip-warning" data-id={w.id} data-level={w.level}>
      <SignalIcon type={w.type} level={w.level} size="2.4em" />
      <div className="strip-warning-text">
        <div className="strip-headline wall-main">
          {name}
          {count > 1 && <span className="strip-count tabular">{t('strip.of', { i: index + 1, n: count })}</span>}
        </div>
        {w.description && <div className="strip-description">{w.description}</div>}
        {w.instruction && (
          <div className="strip-instruction" data-testid="strip-instruction">
            <span className="strip-label">{t('strip.instruction')}</span>
            {w.instruction}
          </div>
        )}
      </div>
    </div>
  );
}

export function AlertStrip() {
  const inReplay = useSlice(wallReplaySlice, (s) => s.replay !== null);
  return inReplay ? <MomentStrip /> : <LiveStrip />;
}

/** The strip in replay: what was in force at the moment, never the live picture. */
function MomentStrip() {
  const t = useT();
  const lang = useLanguage();
  const at = useSlice(wallReplaySlice, (s) => s.replay?.at ?? 0);
  const state = useSlice(wallReplaySlice, (s) => s.state);
  const alarms = useSlice(wallSlice, (s) => s.wall?.alarms) ?? NO_ALARMS;
  const now = useNow(ROTATE_MS);
  const warnings = state ? warningsAt(state.warnings) : [];
  const response = state ? topResponseAt(state.responses) : undefined;
  const index = Math.floor(now / ROTATE_MS) % Math.max(1, warnings.length);
  const w = warnings[index];
  return (
    <section
      className="alert-strip alert-strip-replay"
      data-testid="alert-strip"
      data-replay="moment"
      data-at={at}
      data-warnings={state ? warnings.length : ''}
      aria-label={t('strip.label')}
    >
      <span className="strip-replay-mark" data-testid="strip-replay-mark">
        {t('wallReplay.badge', { time: hhmm(at) })}
      </span>
      {!state ? (
        <div className="strip-warning strip-none">{t('app.loading')}</div>
      ) : w ? (
        <div className={`strip-warning strip-${w.level}`} data-testid="strip-warning" data-id={w.id} data-level={w.level}>
          <SignalIcon type={w.type} level={w.level} size="2.4em" />
          <div className="strip-warning-text">
            <div className="strip-headline wall-main">
              {lang === 'en'
                ? `${SIGNALS[w.type].en} ${SIGNAL_LEVEL_LABELS[w.level].en} warning`
                : w.headline || `${SIGNALS[w.type].zh}${SIGNAL_LEVEL_LABELS[w.level].zh}预警信号`}
              {warnings.length > 1 && <span className="strip-count tabular">{t('strip.of', { i: index + 1, n: warnings.length })}</span>}
            </div>
          </div>
        </div>
      ) : (
        <div className="strip-warning strip-none" data-testid="strip-none-then">
          {t('wallReplay.noWarningThen')}
        </div>
      )}
      <div className="strip-side">
        {response ? (
          <div className={`strip-response level-${response.level}`} data-testid="strip-response" data-level={response.level}>
            <span className="strip-response-level wall-main">{t('strip.responseLevel', { level: LEVEL_NUMERALS[response.level] })}</span>
            <span className="strip-response-plan">{response.planTitle}</span>
          </div>
        ) : (
          state && (
            <div className="strip-response strip-response-none" data-testid="strip-response" data-level="">
              {t('wallReplay.noResponseThen')}
            </div>
          )
        )}
        {alarms[0] && (
          <div className="strip-alarm" data-testid="strip-alarm" data-kind={alarms[0].kind} data-replay="live">
            <span className="cell-replay-live">{t('wallReplay.live')}</span> {t('strip.alarmPreset', { title: alarms[0].title })}
          </div>
        )}
      </div>
    </section>
  );
}

function LiveStrip() {
  const t = useT();
  const active = useSlice(warningsSlice, (d) => d.state?.active);
  const responses = useSlice(warningsSlice, (d) => d.responses) ?? NO_RESPONSES;
  const alarms = useSlice(wallSlice, (s) => s.wall?.alarms) ?? NO_ALARMS;
  const now = useNow(ROTATE_MS);
  const warnings = active ?? [];
  const response = topResponse(responses);
  if (warnings.length === 0 && !response && alarms.length === 0) return null;
  const index = Math.floor(now / ROTATE_MS) % Math.max(1, warnings.length);
  const w = warnings[index];
  return (
    <section className="alert-strip" data-testid="alert-strip" aria-live="polite" aria-label={t('strip.label')}>
      {w ? <WarningNow key={w.id} w={w} index={index} count={warnings.length} /> : <div className="strip-warning strip-none">{t('strip.noWarning')}</div>}
      <div className="strip-side">
        {response && (
          <div className={`strip-response level-${response.level}`} data-testid="strip-response" data-level={response.level}>
            <span className="strip-response-level wall-main">
              {response.category === 'sanfang'
                ? t('warnings.sanfangLevel', { level: LEVEL_NUMERALS[response.level] })
                : t('strip.responseLevel', { level: LEVEL_NUMERALS[response.level] })}
            </span>
            <span className="strip-response-plan">{response.planTitle}</span>
          </div>
        )}
        {alarms[0] && (
          <div className="strip-alarm" data-testid="strip-alarm" data-kind={alarms[0].kind}>
            {t('strip.alarmPreset', { title: alarms[0].title })}
          </div>
        )}
      </div>
    </section>
  );
}
