// A warehouse's stock in its map card: the materials ledger's stock by item (物资台账: unit,
// quantity, the earliest expiry, and a marker for a line below its low mark, expiring or expired),
// never the map object's old stock lines (materials took those over as opening balances). Read
// through the materials slice, held only while a warehouse's card is open.
import { STOCK_ALARM_LABELS, type StockLine } from '@contract/materials';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatNumber } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { STATES } from '../../styles/colour-language';

/** The lines held at one warehouse, most urgent first (expired, expiring, low), then by item. */
export function warehouseLines(stock: readonly StockLine[], warehouseId: string): StockLine[] {
  const rank = (l: StockLine): number => (l.expired ? 0 : l.expiring ? 1 : l.low ? 2 : 3);
  return stock
    .filter((l) => l.place.kind === 'warehouse' && l.place.id === warehouseId && (l.quantity > 0 || l.low))
    .sort((a, b) => rank(a) - rank(b) || a.item.localeCompare(b.item, 'zh-CN') || a.unit.localeCompare(b.unit));
}

function Flag({ line }: { line: StockLine }) {
  const label = useLabel();
  const kind = line.expired ? 'expired' : line.expiring ? 'expiring' : line.low ? 'low' : null;
  if (!kind) return null;
  const state = kind === 'expired' ? STATES.alarm : STATES.attention;
  return (
    <span className="map-stock-flag" data-flag={kind} style={{ color: state.colour }}>
      <span aria-hidden="true">{state.shape} </span>
      {label(STOCK_ALARM_LABELS[kind])}
    </span>
  );
}

export function WarehouseStock({ warehouseId }: { warehouseId: string }) {
  const loaded = useSlice(materialsSlice, (s) => s.loaded);
  const stock = useSlice(materialsSlice, (s) => s.stock);
  return <WarehouseStockView loaded={loaded} lines={warehouseLines(stock, warehouseId)} />;
}

export function WarehouseStockView({ loaded, lines }: { loaded: boolean; lines: readonly StockLine[] }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <>
      <div className="fact-label">{t('map.card.stock')}</div>
      {!loaded ? (
        <div className="unset">{t('app.loading')}</div>
      ) : lines.length === 0 ? (
        <div className="unset" data-testid="map-card-stock-none">
          {t('map.card.noStock')}
        </div>
      ) : (
        <table className="map-stock" data-testid="map-card-stock" data-source="materials">
          <thead>
            <tr>
              <th>{t('map.card.stockItem')}</th>
              <th>{t('map.card.stockQuantity')}</th>
              <th>{t('map.card.stockExpiry')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.item}:${l.unit}`} data-item={l.item} data-low={l.low} data-expiring={l.expiring} data-expired={l.expired}>
                <td>{l.item}</td>
                <td className="tabular">
                  {formatNumber(l.quantity, lang)} {l.unit}
                </td>
                <td className="tabular">{l.nextExpiry ?? t('map.card.stockNoExpiry')}</td>
                <td>
                  <Flag line={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
