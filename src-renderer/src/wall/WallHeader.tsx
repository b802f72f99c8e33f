// The strip across the top of every wall display: who we are, the time, and the status
// slots. A slot without a source yet (links) says so. While the wall is in replay the warning slot
// shows the moment replayed (HeaderWarningSlot) and the other slots, which stay live (duty now,
// links, power, this machine's connection), are preceded by 实时：.
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

function CentreTitle() {
  const t = useT();
  const lang = useLanguage();
  const centre = useSlice(centreSlice, (s) => s.centre);
  if (!centre) return <div className="header-centre">{t('app.title')}</div>;
  const name = lang === 'en' && centre.nameEn ? centre.nameEn : centre.name;
  return (
    <div className="header-centre" data-testid="header-centre">
      <span className="header-centre-name">{name}</span>
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
