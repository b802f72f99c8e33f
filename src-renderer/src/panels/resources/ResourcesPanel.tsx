// 物资保障 on the wall: counts of stock lines below their low mark, expiring and expired, and of
// requests waiting; then the stock lines, those needing attention first (expired, low — furthest
// below first — expiring), each against its low mark; then the requests waiting on someone. An
// alarm pushed by the core (a line crossing its low mark, a lot reaching its warning day or its
// expiry) is named at the top and sounds for a minute. A street centre's wall shows its own
// street's places and requests.
import { REQUEST_STATE_LABELS, STOCK_ALARM_LABELS, type MaterialRequest, type StockLine } from '@contract/materials';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useAlarmSound, type AudioStatus } from '../../shared/use-alarm-sound';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { countAttention, freshAlarms, waitingRequests, wallStockOrder, type HeardAlarm } from '../../state/materials/materials';
import { materialsSlice } from '../../state/materials/materials-slice';
import { FitList } from '../FitList';
import './resources-panel.css';

export function ResourcesPanel() {
  const loaded = useSlice(materialsSlice, (s) => s.loaded);
  const stock = useSlice(materialsSlice, (s) => s.stock);
  const requests = useSlice(materialsSlice, (s) => s.requests);
  const alarms = useSlice(materialsSlice, (s) => s.alarms);
  const street = useSlice(materialsSlice, (s) => s.street);
  // Re-renders every second; alarms are stamped with this page's clock when heard, so their
  // freshness is judged on it (not the server's).
  const now = useServerNow(1000);
  const fresh = freshAlarms(alarms, Date.now());
  const sound = useAlarmSound(loaded && fresh.length > 0 ? 'warning' : null, 'command-wall-materials-sound');
  if (!loaded) return <PanelLoading />;
  const lines = street === null ? stock : stock.filter((l) => l.place.street === street);
  return <ResourcesView lines={lines} requests={requests} alarms={fresh} street={street} sound={sound} version={Math.floor(now / 1000)} />;
}

/** What the panel shows (a street's lines already picked out; requests as the server gave them). */
export function ResourcesView({
  lines,
  requests,
  alarms,
  street,
  sound,
  version = 0,
}: {
  lines: readonly StockLine[];
  requests: readonly MaterialRequest[];
  alarms: readonly HeardAlarm[];
  street: string | null;
  sound: AudioStatus;
  version?: number;
}) {
  const t = useT();
  const label = useLabel();
  const counts = countAttention(lines);
  const waiting = waitingRequests(requests);
  const ordered = wallStockOrder(lines);
  return (
    <div
      className="panel resources-panel"
      data-testid="panel-resources"
      data-street={street ?? undefined}
      data-low={counts.low}
      data-expiring={counts.expiring}
      data-expired={counts.expired}
      data-waiting={waiting.length}
      data-alarm={alarms.length > 0 || undefined}
      data-sound={sound}
    >
      <div className="resources-head">
        {street !== null && <span className="resources-heading">{t('resources.streetHeading', { street })}</span>}
        <span className={`resources-count${counts.low ? ' low' : ''}`} data-testid="resources-count-low">
          {t('resources.low')} {counts.low}
        </span>
        <span className={`resources-count${counts.expired ? ' expired' : ''}`} data-testid="resources-count-expired">
          {t('resources.expired')} {counts.expired}
        </span>
        <span className={`resources-count${counts.expiring ? ' expiring' : ''}`} data-testid="resources-count-expiring">
          {t('resources.expiring')} {counts.expiring}
        </span>
        <span className="resources-count" data-testid="resources-count-waiting">
          {t('resources.waiting')} {waiting.length}
        </span>
        {sound === 'suspended' && <span className="resources-sound-blocked">{t('tasks.soundBlocked')}</span>}
      </div>
      {alarms.length > 0 && (
        <div className="resources-alarm" role="alert" data-testid="resources-alarm">
          {alarms
            .slice(0, 3)
            .map((a) => `${a.alarm.place.name} ${a.alarm.item}：${label(STOCK_ALARM_LABELS[a.alarm.kind])}（${a.alarm.quantity}${a.alarm.unit}）`)
            .join('；')}
        </div>
      )}
      {ordered.length === 0 ? (
        <div className="panel-waiting">{t('resources.noStock')}</div>
      ) : (
        <FitList
          className="resources-lines"
          items={ordered}
          keyOf={(l) => `${l.place.key}|${l.item}|${l.unit}`}
          version={version}
          render={(l) => <StockLineItem line={l} />}
        />
      )}
      {waiting.length > 0 && (
        <ul className="resources-requests" data-testid="resources-requests">
          {waiting.slice(0, 4).map((r) => (
            <li key={r.id} data-state={r.state}>
              <span className="resources-request-street">{r.street}</span> {r.items.map((i) => `${i.item}${i.quantity}${i.unit}`).join('、')}{' '}
              <span className="resources-request-state">{label(REQUEST_STATE_LABELS[r.state])}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StockLineItem({ line: l }: { line: StockLine }) {
  const t = useT();
  const cls = ['stock-line', l.expired ? 'expired' : '', l.low ? 'low' : '', l.expiring && !l.expired ? 'expiring' : ''].filter(Boolean).join(' ');
  const ratio = l.lowQuantity > 0 ? Math.min(1, l.quantity / (l.lowQuantity * 2)) : null;
  return (
    <li className={cls} data-testid="stock-line" data-item={l.item} data-low={l.low || undefined} data-expired={l.expired || undefined}>
      <span className="stock-line-mark" aria-hidden="true">
        {l.low || l.expired || l.expiring ? '!' : '·'}
      </span>
      <span className="stock-line-what wall-main">
        <span className="stock-line-item">{l.item}</span>
        <span className="stock-line-place">{l.place.name}</span>
      </span>
      <span className="stock-line-qty tabular">
        {l.quantity}
        {l.lowQuantity > 0 && <span className="stock-line-low"> / {l.lowQuantity}</span>} {l.unit}
      </span>
      {ratio !== null && (
        <span className="stock-line-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(ratio * 100)}%` }} />
        </span>
      )}
      <span className="stock-line-flag">
        {l.expired ? t('materials.flagExpired') : l.low ? t('materials.flagLow') : l.expiring ? t('materials.until', { date: l.nextExpiry ?? '' }) : ''}
      </span>
    </li>
  );
}
