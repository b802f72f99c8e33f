// The stock of one place (or every place), by item: quantity against its low mark, the lots by
// expiry, and the flags (low, expiring, expired) the core computed.
import { useState } from 'react';
import type { StockLine } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { Field } from '../Field';
import { PlaceSelect } from './PlaceSelect';

export function StockSection({ place, onPlace }: { place: string; onPlace(key: string): void }) {
  const t = useT();
  const stock = useSlice(materialsSlice, (s) => s.stock);
  const [attention, setAttention] = useState(false);
  const shown = stock.filter((l) => (place === '' || l.place.key === place) && (!attention || l.low || l.expiring || l.expired));
  return (
    <section className="console-section materials-stock" data-testid="materials-stock">
      <h2>{t('materials.stockTitle')}</h2>
      <div className="form-row">
        <Field label={t('materials.place')}>
          <PlaceSelect testId="materials-place" value={place} onChange={onPlace} empty={t('materials.everyPlace')} />
        </Field>
        <label className="field checkbox">
          <input type="checkbox" data-testid="materials-attention" checked={attention} onChange={(e) => setAttention(e.target.checked)} />
          <span>{t('materials.attentionOnly')}</span>
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="field-hint">{t('materials.noStock')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('materials.stockTitle')}>
          <table className="materials-table" data-testid="materials-stock-table">
            <thead>
              <tr>
                {place === '' && <th>{t('materials.place')}</th>}
                <th>{t('materials.item')}</th>
                <th>{t('materials.quantity')}</th>
                <th>{t('materials.lowQuantity')}</th>
                <th>{t('materials.lots')}</th>
                <th>{t('materials.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((l) => (
                <tr key={`${l.place.key}|${l.item}|${l.unit}`} data-testid="materials-stock-row" data-item={l.item} className={flagClass(l)}>
                  {place === '' && <td>{l.place.name}</td>}
                  <td>{l.item}</td>
                  <td className="tabular">
                    {l.quantity} {l.unit}
                  </td>
                  <td className="tabular">{l.lowQuantity > 0 ? `${l.lowQuantity} ${l.unit}` : '—'}</td>
                  <td className="tabular">
                    {l.lots.map((x) => `${x.quantity}${x.expiry ? ` (${t('materials.until', { date: x.expiry })})` : ''}`).join('；')}
                  </td>
                  <td>
                    <Flags line={l} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function flagClass(l: StockLine): string {
  return l.expired ? 'stock-expired' : l.low ? 'stock-low' : l.expiring ? 'stock-expiring' : '';
}

export function Flags({ line }: { line: StockLine }) {
  const t = useT();
  return (
    <>
      {line.expired && <span className="stock-flag expired">{t('materials.flagExpired')}</span>}
      {line.low && <span className="stock-flag low">{t('materials.flagLow')}</span>}
      {line.expiring && !line.expired && <span className="stock-flag expiring">{t('materials.flagExpiring')}</span>}
    </>
  );
}
