// The wall in replay (复盘上墙): a large badge in the header, 回放 hh:mm with the date of the moment
// shown and when the wall returns to live by itself, so nobody in the hall takes the past for now.
import { useLanguage, useT } from '../i18n/use-t';
import { formatBeijingDate } from '../shared/beijing-time';
import { useSlice } from '../state/context';
import { hhmm } from '../state/duty/format';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import './wall-replay.css';

export function ReplayBadge() {
  const t = useT();
  const lang = useLanguage();
  const replay = useSlice(wallReplaySlice, (s) => s.replay);
  if (!replay) return null;
  return (
    <div className="wall-replay-badge" data-testid="wall-replay-badge" data-at={replay.at} role="status">
      <span className="wall-replay-time">{t('wallReplay.badge', { time: hhmm(replay.at) })}</span>
      {/* Two short lines, not one long one: the header keeps room for the centre's name. */}
      <span className="wall-replay-sub">
        <span>{formatBeijingDate(replay.at, lang)}</span>
        <span>{t('wallReplay.until', { time: hhmm(replay.until) })}</span>
      </span>
    </div>
  );
}

/** Inside a cell's title strip: this panel shows the replayed moment, or stays live (grey). */
export function CellReplayMark({ replaying }: { replaying: boolean }) {
  const t = useT();
  const at = useSlice(wallReplaySlice, (s) => s.replay?.at ?? null);
  if (at === null) return null;
  return replaying ? (
    <span className="cell-replay-mark" data-testid="cell-replay-mark">
      {t('wallReplay.badge', { time: hhmm(at) })}
    </span>
  ) : (
    <span className="cell-replay-live" data-testid="cell-replay-live">
      {t('wallReplay.liveNote')}
    </span>
  );
}
