// The strip across the top of every wall display: who we are, the time, and the status
// slots. A slot without a source yet (links) says so. While the wall is in replay the warning slot
// shows the moment replayed (HeaderWarningSlot) and the other slots, which stay live (duty now,
// links, power, this machine's connection), are preceded by 实时：.
// In replay, where the badge takes room, the centre's name stays one line in both languages: it may
// take up to a share of the header (wall-replay.css) and its letters shrink to fit that room, never
// under the wall's main-line size; the slots give way by wrapping onto a second row (each slot
// whole), never the name. Only a name too long even at that size wraps (data-fit="wrap").
import { useLayoutEffect, useRef } from 'react';
import type { MessageKey } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';
import { formatBeijingClock, formatBeijingDate } from '../shared/beijing-time';
import { TransportBadge } from '../shared/TransportBadge';
import { useNow } from '../shared/use-now';
import { centreSlice } from '../state/centre/centre-slice';
import { useSlice } from '../state/context';
import { HeaderWarningSlot } from '../panels/warnings/HeaderWarningSlot';
import { PowerHeaderSlot } from '../panels/power/PowerHeaderSlot';
import { DutyOfficerSlot } from '../panels/duty-now/DutyOfficerSlot';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import { ReplayBadge } from './ReplayBadge';

/**
 * Fits the name's letters to its room on one line: from its CSS size down to --wall-main-px (the
 * size of every item's main line: read from the back of the room).
 * Measured again when the name changes or its box changes width (the badge comes or goes, the
 * window or the language changes).
 */
function useOneLine(name: string, inReplay: boolean) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    if (!inReplay) {
      el.style.fontSize = '';
      delete el.dataset.fit;
      return;
    }
    let width = -1;
    const fit = (): void => {
      width = box.clientWidth;
      el.style.fontSize = '';
      el.dataset.fit = 'line';
      const natural = el.scrollWidth;
      const room = el.clientWidth;
      if (natural <= room + 0.5 || room <= 0) return;
      const style = getComputedStyle(el);
      const full = parseFloat(style.fontSize);
      const floor = parseFloat(style.getPropertyValue('--wall-main-px')) || 20;
      const size = Math.floor(((full * room) / natural) * 10) / 10;
      el.style.fontSize = `${Math.max(size, Math.min(floor, full))}px`;
      if (size < floor) el.dataset.fit = 'wrap';
    };
    fit();
    const watch = new ResizeObserver(() => {
      if (Math.abs(box.clientWidth - width) > 2) fit();
    });
    watch.observe(box);
    void document.fonts?.ready.then(fit);
    return () => watch.disconnect();
  }, [name, inReplay]);
  return ref;
}

function CentreTitle() {
  const t = useT();
  const lang = useLanguage();
  const centre = useSlice(centreSlice, (s) => s.centre);
  const name = !centre ? '' : lang === 'en' && centre.nameEn ? centre.nameEn : centre.name;
  const inReplay = useSlice(wallReplaySlice, (s) => s.replay !== null);
  const nameRef = useOneLine(name, inReplay);
  if (!centre) return <div className="header-centre">{t('app.title')}</div>;
  return (
    <div className="header-centre" data-testid="header-centre">
      <span className="header-centre-name" ref={nameRef}>
        {name}
      </span>
      <span className="header-level">{t(`level.${centre.level}`)}</span>
    </div>
  );
}

/** A status slot that later work connects to a source; until then it reads "not connected". */
function NotConnectedSlot({ label, testId }: { label: MessageKey; testId: string }) {
  const t = useT();
  return (
    <div className="header-slot" data-testid={testId} data-state="not-connected">
      <span className="fact-label">{t(label)}</span>
      <span className="unset">{t('wall.notConnected')}</span>
    </div>
  );
}

function HeaderClock() {
  const t = useT();
  const lang = useLanguage();
  const now = useNow();
  return (
    <div className="header-clock">
      <time className="header-time" data-testid="clock" dateTime={new Date(now).toISOString()} title={t('clock.beijingTime')}>
        {formatBeijingClock(now)}
      </time>
      <span className="header-date">{formatBeijingDate(now, lang)}</span>
    </div>
  );
}

export function WallHeader() {
  const t = useT();
  const inReplay = useSlice(wallReplaySlice, (s) => s.replay !== null);
  // The slots keep their places in and out of replay (none is remounted: no sound is replayed).
  return (
    <header className="wall-header" data-testid="wall-header">
      <CentreTitle />
      <ReplayBadge />
      <div className="header-slots" data-replay={inReplay ? 'live' : undefined}>
        {inReplay && (
          <span className="header-live-tag" data-testid="header-live-tag">
            {t('wallReplay.liveSlots')}
          </span>
        )}
        <DutyOfficerSlot />
        <NotConnectedSlot label="wall.links" testId="slot-link-status" />
        <PowerHeaderSlot />
        <HeaderWarningSlot />
        <TransportBadge testId="transport-status" />
      </div>
      <HeaderClock />
    </header>
  );
}
