// The wall header's warning slot: the active signals as small icons, the 三防 response level,
// and the sound when a warning is issued or raised while the wall is up. The slot carries
// data attributes saying how often it sounded and the audio state (read by the e2e test).
import './warnings.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
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
