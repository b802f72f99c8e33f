// A warehouse's map card shows the materials ledger's stock by item (unit, quantity, earliest
// expiry, a marker for low, expiring or expired lines), never the map object's old stock lines.
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MapObject } from '@contract/map';
import { SliceHostProvider } from '../../state/context';
import { BEIJING, DEPOT, line } from '../../state/materials/test-fixtures';
import { SliceHost } from '../../state/slice';
import { fakeClient } from '../../test-kit/fake-client';
import { ObjectFacts } from './ObjectFacts';
import { warehouseLines, WarehouseStockView } from './WarehouseStock';

const warehouse: MapObject = {
  id: DEPOT.id!,
  kind: 'warehouse',
  name: DEPOT.name,
  street: '洪桥街',
  position: { lat: 23.13, lng: 113.27 },
  address: '',
  note: '',
  areaM2: 800,
  manager: '',
  // The map's old copy: must not be shown.
  stock: [{ item: '旧帐篷', quantity: 999, unit: '顶' }],
  demo: false,
  updatedAt: 0,
} as MapObject;

const ledger = [
  line('沙包', 5000),
  line('救生衣', 20, { unit: '件', lowQuantity: 50, low: true }),
  line('方便面', 300, { unit: '箱', expiring: true, nextExpiry: '2026-12-20' }),
  line('沙包', 70, { place: BEIJING }),
];

const wrap = (node: ReactElement): string => renderToString(<SliceHostProvider host={new SliceHost(fakeClient().client)}>{node}</SliceHostProvider>);
const render = (loaded: boolean): string => strip(wrap(<WarehouseStockView loaded={loaded} lines={warehouseLines(ledger, DEPOT.id!)} />));
/** React's text separators out, to read the text as shown. */
const strip = (html: string): string => html.replace(/<!-- -->/g, '');

describe('the warehouse card on the map', () => {
  it('shows the ledger’s lines of this warehouse only, most urgent first, with unit, quantity, expiry and markers', () => {
    expect(warehouseLines(ledger, DEPOT.id!).map((l) => l.item)).toEqual(['方便面', '救生衣', '沙包']);
    const html = render(true);
    expect(html).toContain('data-source="materials"');
    expect(html).toContain('5,000 袋');
    expect(html).toContain('20 件');
    expect(html).toContain('2026-12-20');
    expect(html).toMatch(/data-item="救生衣"[^>]*data-low="true"/);
    expect(html).toContain('低于储备下限');
    expect(html).toContain('临近有效期');
    // Not the map's old lines, nor another place's stock.
    expect(html).not.toContain('旧帐篷');
    expect(html).not.toContain('70 袋');
  });

  it('says it is loading until the ledger is read; the card never shows the map object’s old stock lines', () => {
    expect(render(false)).not.toContain('map-card-stock"');
    const card = wrap(<ObjectFacts object={warehouse} />);
    expect(card).toContain('物资储备');
    expect(card).not.toContain('旧帐篷');
    expect(card).not.toContain('999');
  });
});
