// Materials records as the server sends them, for the materials tests.
import type { LedgerEntry, MaterialRequest, PlaceInfo, StockLine } from '@contract/materials';

export const DEPOT: PlaceInfo = {
  key: 'warehouse:obj_depot001',
  kind: 'warehouse',
  id: 'obj_depot001',
  name: '越秀区应急物资储备仓库',
  street: '洪桥街',
  gone: false,
};
export const BEIJING: PlaceInfo = { key: 'street:北京街', kind: 'street', id: null, name: '北京街物资储备点', street: '北京街', gone: false };

export function line(item: string, quantity: number, over: Partial<StockLine> = {}): StockLine {
  return {
    place: DEPOT,
    item,
    unit: '袋',
    quantity,
    lots: [{ expiry: null, quantity }],
    lowQuantity: 0,
    expiryWarnDays: 30,
    low: false,
    expiring: false,
    expired: false,
    nextExpiry: null,
    asOf: 0,
    ...over,
  };
}

export function request(id: string, requestedAt: number, over: Partial<MaterialRequest> = {}): MaterialRequest {
  return {
    id,
    street: '北京街',
    items: [{ item: '沙包', unit: '袋', quantity: 100 }],
    purpose: '北京路低洼点防汛封堵',
    neededBy: null,
    taskId: null,
    state: 'requested',
    reason: '',
    dispatchedFrom: null,
    receivedInto: null,
    requestedAt,
    requestedBy: { id: 'per_street01', name: '王芳', role: 'officer' },
    updatedAt: requestedAt,
    history: [],
    ...over,
  };
}

export function entry(seq: number, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    seq,
    at: seq * 1000,
    movementId: `mov_${seq}abcd`,
    kind: 'out',
    from: DEPOT,
    to: null,
    item: '沙包',
    unit: '袋',
    quantity: 10,
    expiry: null,
    reason: '封堵',
    taskId: null,
    requestId: null,
    by: { id: 'per_officer01', name: '周杰', role: 'officer' },
    peer: 'console',
    street: null,
    fromBalance: 90,
    toBalance: null,
    demo: false,
    ...over,
  };
}
