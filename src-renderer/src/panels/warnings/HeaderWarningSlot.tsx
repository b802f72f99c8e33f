// The wall header's warning slot: the active signals as small icons, the 三防 response level,
// and the sound when a warning is issued or raised while the wall is up. The slot carries
// data attributes saying how often it sounded and the audio state (read by the e2e test).
// While the wall is in replay it shows the signals and the response level in force at the moment
// replayed (replay.getAt), tagged 回放 (the header's badge says when); a new warning now still sounds.
import './warnings.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { wallReplaySlice } from '../../state/replay/wall-replay-slice';
import { topResponseAt, warningsAt } from '../../wall/replay-moment';
import { LEVEL_NUMERALS } from './quiet-line';
import { warningsSlice } from '../../state/warnings/warnings-slice';
import { playAlertSound } from './alert-sound';
import { SanfangBadge } from './SanfangBadge';
import { SignalIcon } from './SignalIcon';

const SHOWN = 4;
/** How long the slot flashes after a new or raised warning. */
const FLASH_MS = 60_000;

export function HeaderWarningSlot() {
  const t = useT();
  const active = useSlice(warningsSlice, (d) => d.state?.active);
  const alarm = useSlice(warningsSlice, (d) => d.alarm);
  const [sound, setSound] = useState<{ count: number; state: string; level: string }>({ count: 0, state: '', level: '' });
  const [flashing, setFlashing] = useState(false);
  const heard = useRef(0);

  useEffect(() => {
    if (!alarm || alarm.seq === heard.current) return;
    heard.current = alarm.seq;
    const r = playAlertSound(alarm.level);
    setSound((s) => ({ count: s.count + (r.started ? 1 : 0), state: r.state, level: alarm.level }));
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [alarm]);

  const replayAt = useSlice(wallReplaySlice, (s) => s.replay?.at ?? null);
  const moment = useSlice(wallReplaySlice, (s) => s.state);
  if (replayAt !== null) {
    const then = moment ? warningsAt(moment.warnings) : [];
    const response = moment ? topResponseAt(moment.responses) : undefined;
    return (
      <div className="header-slot header-warnings" data-testid="slot-warnings" data-replay="moment" data-at={replayAt} data-active={moment ? then.length : ''}>
        <span className="fact-label">
          {t('warnings.slotLabel')}
          <span className="header-slot-mark" data-testid="slot-warnings-mark">
            {t('wallReplay.slotMark')}
          </span>
        </span>
        <span className="header-warnings-row">
          {!moment ? (
            <span className="unset">{t('app.loading')}</span>
          ) : then.length === 0 ? (
            <span className="unset">{t('warnings.none')}</span>
          ) : (
            then.slice(0, SHOWN).map((w) => <SignalIcon key={w.id} type={w.type} level={w.level} size="1.6em" testId="header-signal" />)
          )}
          {then.length > SHOWN && <span className="header-warnings-more">+{then.length - SHOWN}</span>}
          {moment && (
            <span
              className={response ? `sanfang-badge sanfang-${response.level}` : 'sanfang-badge sanfang-none'}
              data-testid="slot-response-then"
              data-level={response?.level ?? ''}
            >
              {response ? t('wallReplay.responseShort', { level: LEVEL_NUMERALS[response.level] }) : t('wallReplay.noResponseShort')}
            </span>
          )}
        </span>
      </div>
    );
  }

  const list = active ?? [];
  return (
    <div
      className={flashing ? 'header-slot header-warnings flashing' : 'header-slot header-warnings'}
      data-testid="slot-warnings"
      data-active={list.length}
      data-sound-count={sound.count}
      data-sound-level={sound.level}
      data-audio-state={sound.state}
    >
      <span className="fact-label">{t('warnings.slotLabel')}</span>
      <span className="header-warnings-row">
        {list.length === 0 ? (
          <span className="unset">{active ? t('warnings.none') : t('app.loading')}</span>
        ) : (
          list.slice(0, SHOWN).map((w) => <SignalIcon key={w.id} type={w.type} level={w.level} size="1.6em" testId="header-signal" />)
        )}
        {list.length > SHOWN && <span className="header-warnings-more">+{list.length - SHOWN}</span>}
        <SanfangBadge compact />
      </span>
    </div>
  );
}
