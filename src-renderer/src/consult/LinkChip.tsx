// One link's health in words and numbers (A up · 12 ms · 850 kbit/s · 0.1 %), never colour alone.
import type { LinkStats } from '@contract/consult';
import { useT } from '../i18n/use-t';

export function LinkChip({ link, stats, shown, testId, path }: { link: 'A' | 'B'; stats: LinkStats; shown: boolean; testId: string; path?: string | null }) {
  const t = useT();
  const facts: string[] = [];
  if (stats.rttMs !== null) facts.push(t('consult.rtt', { ms: stats.rttMs }));
  if (stats.kbps !== null) facts.push(t('consult.kbps', { kbps: stats.kbps }));
  if (stats.loss !== null) facts.push(t('consult.loss', { pct: (stats.loss * 100).toFixed(1) }));
  return (
    <span
      className={`consult-chip chip-${stats.state}${shown ? ' chip-shown' : ''}`}
      data-testid={testId}
      data-state={stats.state}
      data-shown={shown ? '1' : '0'}
      data-path={path ?? ''}
    >
      <b>{link}</b> {t(`consult.link.${stats.state}`)}
      {shown && <span className="chip-shown-mark"> {t('consult.shown')}</span>}
      {facts.length > 0 && <span className="chip-facts"> · {facts.join(' · ')}</span>}
    </span>
  );
}

export function SocketChip({ link, state }: { link: 'A' | 'B'; state: 'open' | 'connecting' | 'closed' | 'off' }) {
  const t = useT();
  return (
    <span className={`consult-chip sock-${state}`} data-testid={`consult-signal-${link}`} data-state={state}>
      {t('consult.signalling', { link })} {t(`consult.socket.${state}`)}
    </span>
  );
}
