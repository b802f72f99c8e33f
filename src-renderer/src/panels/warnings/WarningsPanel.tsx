// The warnings panel (预测预警): active signals, most severe first, with their text and times;
// the 三防 response level; the feed's state; and the recent history of every change. With no signal
// in force it never contradicts the rest of the wall: beside a response in force it names the
// response (neutral), and it is green only when the feed reads fine (quiet-line.ts).
import './warnings.css';
import { PanelLoading } from '../../shared/PanelLoading';
import { SIGNAL_LEVEL_LABELS, SIGNALS, type Warning, type WarningHistoryEntry } from '@contract/warnings';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { warningsSlice } from '../../state/warnings/warnings-slice';
import { LEVEL_NUMERALS, quietLine, type QuietLine } from './quiet-line';
import { SanfangBadge } from './SanfangBadge';
import { SignalIcon } from './SignalIcon';
import { FitList } from '../FitList';
import { Legend } from '../../shared/Legend';
import { STATES } from '../../styles/colour-language';
import { warningMarkLook, warningMarks } from './legend';

function ActiveWarning({ w }: { w: Warning }) {
  const t = useT();
  return (
    <li className="warning-item" data-testid="warning-active" data-type={w.type} data-level={w.level}>
      <SignalIcon type={w.type} level={w.level} size="2.4em" />
      <div className="warning-text">
        <div className="warning-headline wall-main">{w.headline}</div>
        <div className="warning-meta">
          {w.sender} · {t('warnings.since', { time: formatTime(w.updatedAt) })}
          {w.expiresAt !== null && ` · ${t('warnings.until', { time: formatTime(w.expiresAt) })}`}
        </div>
        {w.area && <div className="warning-meta">{w.area}</div>}
      </div>
    </li>
  );
}

function HistoryRow({ h, first }: { h: WarningHistoryEntry; first: boolean }) {
  const t = useT();
  const label = useLabel();
  const level = h.toLevel ?? h.fromLevel;
  return (
    <li className="warning-history-row" data-testid="warning-history-row">
      {first && <span className="warnings-history-title">{t('warnings.history')} </span>}
      <span className="tabular">{formatTime(h.at).slice(5)}</span> {label(SIGNALS[h.type])}
      {level && ` ${label(SIGNAL_LEVEL_LABELS[level])}`} · {t(`warnings.change.${h.change}`)}
    </li>
  );
}

function FeedLine() {
  const t = useT();
  const feed = useSlice(warningsSlice, (d) => d.state?.feed);
  // The wall only says what is so; how to set a feed up is the console's business.
  if (!feed?.config) return <div className="warning-feed unset">{t('warnings.feedNoneWall')}</div>;
  if (feed.lastOk === false)
    return (
      <div className="warning-feed bad" data-testid="warning-feed-error">
        {t('warnings.feedFailed', { error: feed.lastError ?? '' })}
      </div>
    );
  return <div className="warning-feed">{t('warnings.feedOk', { time: formatTime(feed.lastPollAt) })}</div>;
}

function quietText(t: Translate, line: QuietLine): string {
  if (line.tone !== 'response') return t('warnings.noneActive');
  const level = LEVEL_NUMERALS[line.level];
  return line.sanfang ? t('warnings.noneWithSanfang', { level }) : t('warnings.noneWithResponse', { level });
}

/** No signal in force: calm (green) only when that is certain and nothing else is in force. */
function NoneActive() {
  const t = useT();
  const responses = useSlice(warningsSlice, (d) => d.responses);
  const sanfang = useSlice(warningsSlice, (d) => d.sanfang);
  const feed = useSlice(warningsSlice, (d) => d.state?.feed);
  const line = quietLine(responses, sanfang, feed);
  return (
    <div className={`warnings-none tone-${line.tone}`} data-testid="warnings-none" data-tone={line.tone}>
      {quietText(t, line)}
    </div>
  );
}

/** The legend of what the panel shows: the levels in force, the feed's or the quiet line's state. */
function WarningsLegend({ active }: { active: readonly Warning[] }) {
  const t = useT();
  const label = useLabel();
  const responses = useSlice(warningsSlice, (d) => d.responses);
  const sanfang = useSlice(warningsSlice, (d) => d.sanfang);
  const feed = useSlice(warningsSlice, (d) => d.state?.feed);
  const quiet = active.length === 0 ? quietLine(responses, sanfang, feed) : null;
  const entries = warningMarks(active, quiet, Boolean(feed?.config) && feed?.lastOk === false).map((m) => ({
    id: m.kind === 'level' ? `level-${m.level}` : `state-${m.state}`,
    ...warningMarkLook(m),
    word: m.kind === 'level' ? t('legend.signalLevel', { level: label(SIGNAL_LEVEL_LABELS[m.level]) }) : label(STATES[m.state].word),
  }));
  return <Legend entries={entries} label={t('legend.label')} />;
}

export function WarningsPanel() {
  const state = useSlice(warningsSlice, (d) => d.state);
  const history = useSlice(warningsSlice, (d) => d.history);
  const error = useSlice(warningsSlice, (d) => d.error?.message);
  if (!state) return <PanelLoading error={error} />;
  return (
    <div className="panel warnings-panel" data-testid="warnings-panel">
      <div className="warnings-top">
        <SanfangBadge />
        <FeedLine />
      </div>
      {state.active.length === 0 && <NoneActive />}
      {/* The signals in force (most severe first, as the core sends them), then the recent changes: what does not fit is counted. */}
      <FitList
        className="warnings-list"
        items={[...state.active.map((w) => ({ key: w.id, w })), ...history.slice(0, 8).map((h) => ({ key: `h${h.seq}`, h }))]}
        keyOf={(item) => item.key}
        version={state.asOf}
        render={(item, i) => ('w' in item ? <ActiveWarning w={item.w} /> : <HistoryRow h={item.h} first={i === state.active.length} />)}
      />
      <WarningsLegend active={state.active} />
    </div>
  );
}
