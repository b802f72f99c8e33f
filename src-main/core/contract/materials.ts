// Materials (物资): the stock of the district's warehouses and of the streets' reserve points, every
// movement of it in one ledger, and the streets' requests for materials (物资申请).
//
// Semantics the core keeps (the UI can rely on them):
//  - This capability is the one place stock lives. A place is a warehouse (a map object of kind
//    'warehouse', the map keeps where it is) or a street's reserve point (`street`, one of the 18,
//    for a street without a warehouse object of its own). The `stock` array a warehouse object had
//    on the map is taken over once as opening balances (ledger kind 'in', reason 期初…): from then on
//    stock changes only by a movement here.
//  - Stock is held by place, item and unit, in lots by expiry date (none for goods that keep).
//    Quantities are exact to 0.001 of the unit.
//  - Every movement is a ledger entry: in (to a place), out (from a place), transfer (from one place
//    to another, its lots keep their expiry), write-off (from a place: spoiled, expired, lost); with
//    who, from which machine and street, why, and optionally the task or request it served. A
//    movement taking stock takes the lot given (expiry) or else the lots that expire first, and may
//    be several entries, one per lot.
//  - Stock never goes negative: a movement taking more than the place holds is refused, naming the
//    item, the place and what it holds, and writes nothing. The check runs inside the store's write
//    transaction, which the store runs one at a time, so two requests racing for the last units
//    cannot both have them.
//  - Requests: a street asks (requested) → the district approves or refuses with a reason →
//    a warehouse dispatches (one ledger 'out' per item and lot, tied to the request) → the street
//    confirms receipt (received; by default the goods enter its reserve point, ledger 'in').
//    A requester may withdraw a request not yet dispatched (cancelled). Each change is kept with
//    who, where and when. A caller belonging to a street (CallContext.street) asks, sees and
//    confirms only its own street's requests, and moves stock only at its own street's places.
//  - Thresholds per item (and unit), for every place or for one place: a low-stock quantity and the
//    days before expiry to warn. Flags are computed at read time (`asOf`); crossing a line (a
//    movement taking a line below its low mark, a lot reaching its warning day or its expiry)
//    pushes materials.changed with change 'alarm'.
//  - Reserve targets (储备目标) per place, item and unit: how much a place should hold. None by
//    default: the seed (越秀区应急管理“十四五”规划) names the items to stock (铜锣, 对讲机, 移动照明灯,
//    发电机, 救生衣, 防汛帐篷, 沙包 …) and one reserve per street plus the district's store, but no
//    quantities, so targets are data the centre sets (materials.saveTarget). materials.listTargets
//    sets every stock line and every target side by side: the line's target or null (未设目标).
import { z } from 'zod';
import { event, method } from './define';
import { PersonRef } from './duty';
import { ActorId, EntityId, FileBase64, Timestamp, type Label } from './primitives';
import { LocalDate, StreetName } from './yuexiu';

// ---- vocabulary ----------------------------------------------------------------------
/** Where stock is: a warehouse map object (by id), or a street's reserve point (by street). */
export const Place = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('warehouse'), id: EntityId }),
  z.strictObject({ kind: z.literal('street'), street: StreetName }),
]);
export type Place = z.infer<typeof Place>;

/** A place as the core sends it: its key ("warehouse:obj_…" or "street:北京街"), name and street. */
export const PlaceInfo = z.object({
  key: z.string(),
  kind: z.enum(['warehouse', 'street']),
  /** The warehouse's map object id (null for a street's reserve point). */
  id: z.string().nullable(),
  name: z.string(),
  street: z.string().nullable(),
  /** The warehouse is no longer on the map (its stock and ledger stay). */
  gone: z.boolean(),
});
export type PlaceInfo = z.infer<typeof PlaceInfo>;

export const placeKey = (p: Place): string => (p.kind === 'warehouse' ? `warehouse:${p.id}` : `street:${p.street}`);
export function placeFromKey(key: string): Place | null {
  const i = key.indexOf(':');
  const kind = key.slice(0, i);
  const rest = key.slice(i + 1);
  const parsed = Place.safeParse(kind === 'warehouse' ? { kind, id: rest } : { kind, street: rest });
  return parsed.success ? parsed.data : null;
}

export const ItemName = z.string().trim().min(1, 'an item needs a name').max(60);
export const Unit = z.string().trim().min(1, 'an item needs a unit').max(12);
// At least 0.001, not just positive: zod's multipleOf passes 1e-300 (a float-safe remainder), which is 0 in
// thousandths and broke the ledger's CHECK (the contract fuzz found it: FUZZ_SEED=1879587348).
/** A quantity moved or asked for: at least 0.001, exact to 0.001 of the unit. */
export const Quantity = z.number().min(0.001, 'a quantity is at least 0.001').max(1e9).multipleOf(0.001, 'a quantity is exact to 0.001');

export const MovementKind = z.enum(['in', 'out', 'transfer', 'writeoff']);
export type MovementKind = z.infer<typeof MovementKind>;
export const MOVEMENT_KIND_LABELS: Record<MovementKind, Label> = {
  in: { zh: '入库', en: 'In' },
  out: { zh: '出库', en: 'Out' },
  transfer: { zh: '调拨', en: 'Transfer' },
  writeoff: { zh: '报损', en: 'Write-off' },
};

export const MovementInput = z
  .strictObject({
    kind: MovementKind,
    /** Where it is taken from (out, transfer, write-off). */
    from: Place.optional(),
    /** Where it goes (in, transfer). */
    to: Place.optional(),
    item: ItemName,
    unit: Unit,
    quantity: Quantity,
    /** In: the lot's expiry date (none for goods that keep). Taking: take this lot only (else the lots expiring first). */
    expiry: LocalDate.nullable().optional(),
    reason: z.string().trim().min(2, 'a movement needs a reason (why)').max(500),
    /** The task (指令) it serves, if any. */
    taskId: EntityId.optional(),
  })
  .superRefine(
    (m, ctx) => {
      const needsFrom = m.kind !== 'in';
      const needsTo = m.kind === 'in' || m.kind === 'transfer';
      if (needsFrom && !m.from) ctx.addIssue({ code: 'custom', path: ['from'], message: `a ${m.kind} movement needs the place it is taken from` });
      if (!needsFrom && m.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'an in movement has no place it is taken from' });
      if (needsTo && !m.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `a ${m.kind} movement needs the place it goes to` });
      if (!needsTo && m.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `a ${m.kind} movement goes to no place` });
      if (m.kind === 'transfer' && m.from && m.to && placeKey(m.from) === placeKey(m.to))
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'a transfer goes to another place' });
    },
    // Checked even while other fields are wrong (the form names a missing place at once), once the
    // kind and places themselves are well formed.
    { when: (payload) => placesWellFormed(payload.value) },
  );

function placesWellFormed(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  return (
    MovementKind.safeParse(m.kind).success && (m.from === undefined || Place.safeParse(m.from).success) && (m.to === undefined || Place.safeParse(m.to).success)
  );
}
export type MovementInput = z.input<typeof MovementInput>;

export const LedgerEntry = z.object({
  seq: z.number().int(),
  at: Timestamp,
  /** Entries made by one call share it. */
  movementId: z.string(),
  kind: MovementKind,
  from: PlaceInfo.nullable(),
  to: PlaceInfo.nullable(),
  item: z.string(),
  unit: z.string(),
  quantity: z.number(),
  expiry: z.string().nullable(),
  reason: z.string(),
  taskId: z.string().nullable(),
  requestId: z.string().nullable(),
  /** Who recorded it (null for an opening balance taken over from the map). */
  by: PersonRef.nullable(),
  peer: z.string(),
  street: z.string().nullable(),
  /** What the place taken from holds of the item after it (null when nothing was taken). */
  fromBalance: z.number().nullable(),
  /** What the place it went to holds of the item after it. */
  toBalance: z.number().nullable(),
  /** An opening balance taken over from the demo set (演示数据). */
  demo: z.boolean(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

// ---- thresholds ------------------------------------------------------------------------
export const ThresholdInput = z.strictObject({
  item: ItemName,
  unit: Unit,
  /** One place only; null: every place without its own. */
  place: Place.nullable().default(null),
  /** Below this a place's stock of the item is low (0: no low-stock alarm). */
  lowQuantity: z.number().min(0).max(1e9).default(0),
  /** Warn this many days before a lot expires (0: on the day it expires only). */
  expiryWarnDays: z.number().int().min(0).max(3650).default(30),
});
export type ThresholdInput = z.input<typeof ThresholdInput>;

export const Threshold = z.object({
  item: z.string(),
  unit: z.string(),
  place: PlaceInfo.nullable(),
  lowQuantity: z.number(),
  expiryWarnDays: z.number().int(),
  updatedAt: Timestamp,
});
export type Threshold = z.infer<typeof Threshold>;

// ---- reserve targets (储备目标) ----------------------------------------------------------
export const ReserveTargetInput = z.strictObject({
  place: Place,
  item: ItemName,
  unit: Unit,
  /** How much the place should hold (more than 0). */
  quantity: z.number().min(0.001, 'a reserve target is at least 0.001').max(1e9, 'a reserve target is at most 1,000,000,000'),
});
export type ReserveTargetInput = z.input<typeof ReserveTargetInput>;

export const ReserveTarget = z.object({
  place: PlaceInfo,
  item: z.string(),
  unit: z.string(),
  quantity: z.number(),
  updatedAt: Timestamp,
  /** Who set it (a person's name). */
  by: z.string(),
});
export type ReserveTarget = z.infer<typeof ReserveTarget>;

/** A stock line against its target: every line held and every target set (a target with no stock holds 0). */
export const ReserveLine = z.object({
  place: PlaceInfo,
  item: z.string(),
  unit: z.string(),
  stock: z.number(),
  /** null: no target set for this place and item (未设目标). */
  target: z.number().nullable(),
  /** stock / target (null without a target). */
  ratio: z.number().nullable(),
});
export type ReserveLine = z.infer<typeof ReserveLine>;

/** Days before expiry a lot is flagged when no threshold names its item. */
export const DEFAULT_EXPIRY_WARN_DAYS = 30;

// ---- stock -----------------------------------------------------------------------------
export const Lot = z.object({ expiry: z.string().nullable(), quantity: z.number() });
export const StockLine = z.object({
  place: PlaceInfo,
  item: z.string(),
  unit: z.string(),
  quantity: z.number(),
  /** By expiry, earliest first (no expiry last). */
  lots: z.array(Lot),
  lowQuantity: z.number(),
  expiryWarnDays: z.number().int(),
  /** quantity < lowQuantity, as of asOf. */
  low: z.boolean(),
  /** A lot is within its warning days of expiry (and not yet expired). */
  expiring: z.boolean(),
  /** A lot is past its expiry date. */
  expired: z.boolean(),
  /** The earliest expiry of any lot held. */
  nextExpiry: z.string().nullable(),
  asOf: Timestamp,
});
export type StockLine = z.infer<typeof StockLine>;

export const StockAlarm = z.object({
  kind: z.enum(['low', 'expiring', 'expired']),
  place: PlaceInfo,
  item: z.string(),
  unit: z.string(),
  quantity: z.number(),
  lowQuantity: z.number(),
  expiry: z.string().nullable(),
});
export type StockAlarm = z.infer<typeof StockAlarm>;
export const STOCK_ALARM_LABELS: Record<StockAlarm['kind'], Label> = {
  low: { zh: '低于储备下限', en: 'Below its low mark' },
  expiring: { zh: '临近有效期', en: 'Expiring soon' },
  expired: { zh: '已过期', en: 'Expired' },
};

// ---- requests ---------------------------------------------------------------------------
export const RequestState = z.enum(['requested', 'approved', 'refused', 'dispatched', 'received', 'cancelled']);
export type RequestState = z.infer<typeof RequestState>;
export const REQUEST_STATE_LABELS: Record<RequestState, Label> = {
  requested: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '已驳回', en: 'Refused' },
  dispatched: { zh: '已调拨发出', en: 'Dispatched' },
  received: { zh: '已签收', en: 'Received' },
  cancelled: { zh: '已撤回', en: 'Withdrawn' },
};
export const FINAL_REQUEST_STATES: readonly RequestState[] = ['refused', 'received', 'cancelled'];

export const RequestLine = z.strictObject({ item: ItemName, unit: Unit, quantity: Quantity });
export const RequestInput = z.strictObject({
  street: StreetName,
  items: z
    .array(RequestLine)
    .min(1, 'a request asks for at least one item')
    .max(20)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((l, i) => {
        const k = `${l.item}\u0000${l.unit}`;
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'item'], message: `${l.item} (${l.unit}) is asked for twice` });
        seen.add(k);
      });
    }),
  purpose: z.string().trim().min(2, 'a request says what the materials are for').max(1000),
  /** When they are needed by, if it matters. */
  neededBy: Timestamp.nullable().default(null),
  taskId: EntityId.optional(),
});
export type RequestInput = z.input<typeof RequestInput>;

export const RequestHistoryEntry = z.object({
  at: Timestamp,
  by: PersonRef,
  peer: z.string(),
  street: z.string().nullable(),
  from: RequestState.nullable(),
  to: RequestState,
  text: z.string(),
});
export type RequestHistoryEntry = z.infer<typeof RequestHistoryEntry>;

export const MaterialRequest = z.object({
  id: EntityId,
  street: z.string(),
  items: z.array(z.object({ item: z.string(), unit: z.string(), quantity: z.number() })),
  purpose: z.string(),
  neededBy: Timestamp.nullable(),
  taskId: z.string().nullable(),
  state: RequestState,
  /** Why it was refused or withdrawn. */
  reason: z.string(),
  /** The place it was dispatched from. */
  dispatchedFrom: PlaceInfo.nullable(),
  /** The place it was received into (null: used at once, not put into stock). */
  receivedInto: PlaceInfo.nullable(),
  requestedAt: Timestamp,
  requestedBy: PersonRef,
  updatedAt: Timestamp,
  history: z.array(RequestHistoryEntry),
});
export type MaterialRequest = z.infer<typeof MaterialRequest>;

const requestStep = <E extends z.ZodRawShape>(extra: E) => z.strictObject({ id: EntityId, by: ActorId, ...extra });

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const materialsMethods = {
  'materials.listPlaces': method({
    right: 'read',
    summary: 'The places stock can be held at: every warehouse on the map and each street’s reserve point.',
    params: z.strictObject({}),
    result: z.array(PlaceInfo),
  }),
  'materials.listStock': method({
    right: 'read',
    summary:
      'Stock by place and item with its lots and flags (low, expiring, expired); optionally one place, one street’s places, one item, or only lines needing attention.',
    params: z.strictObject({
      place: Place.optional(),
      street: StreetName.optional(),
      item: ItemName.optional(),
      attention: z.boolean().default(false),
    }),
    result: z.array(StockLine),
  }),
  'materials.listLedger': method({
    right: 'read',
    summary: 'Ledger entries, newest first: optionally of one place, item, task or request; `before` pages back by seq.',
    params: z.strictObject({
      place: Place.optional(),
      item: ItemName.optional(),
      taskId: EntityId.optional(),
      requestId: EntityId.optional(),
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    result: z.array(LedgerEntry),
  }),
  'materials.move': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Record a movement: in, out, transfer or write-off. Refused, writing nothing, if it would take more than the place holds.',
    params: z.strictObject({ movement: MovementInput, by: ActorId }),
    result: z.array(LedgerEntry),
  }),
  'materials.listThresholds': method({
    right: 'read',
    summary: 'The low-stock and expiry-warning thresholds, by item.',
    params: z.strictObject({}),
    result: z.array(Threshold),
  }),
  'materials.saveThreshold': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Set an item’s low-stock quantity and expiry warning days, for every place or one place.',
    params: z.strictObject({ threshold: ThresholdInput, by: ActorId }),
    result: Threshold,
  }),
  'materials.listTargets': method({
    right: 'read',
    summary:
      'Stock against the reserve targets (储备目标): every stock line and every target, by place then item, each with its target (null: none set, 未设目标) and stock / target; optionally one street’s places.',
    params: z.strictObject({ street: StreetName.optional() }),
    result: z.object({ lines: z.array(ReserveLine), targets: z.array(ReserveTarget), asOf: Timestamp }),
  }),
  'materials.saveTarget': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Set how much of an item a place should hold (储备目标), replacing the place’s target for that item and unit.',
    params: z.strictObject({ target: ReserveTargetInput, by: ActorId }),
    result: ReserveTarget,
  }),
  'materials.removeTarget': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Remove a place’s reserve target for an item and unit (the line then reads 未设目标).',
    params: z.strictObject({ place: Place, item: ItemName, unit: Unit, by: ActorId }),
    result: z.object({ removed: z.boolean() }),
  }),
  'materials.listRequests': method({
    right: 'read',
    summary: 'Material requests, newest first (a street’s caller sees only its own street’s); optionally by state (or open: not final) and street.',
    params: z.strictObject({
      state: z.enum([...RequestState.options, 'open']).optional(),
      street: StreetName.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    result: z.array(MaterialRequest),
  }),
  'materials.getRequest': method({
    right: 'read',
    summary: 'One material request with its history.',
    params: z.strictObject({ id: EntityId }),
    result: MaterialRequest,
  }),
  'materials.request': method({
    right: 'materials.request',
    actor: { param: 'by', is: 'id' },
    street: { param: 'request.street' },
    summary: 'A street asks the district for materials (物资申请).',
    params: z.strictObject({ request: RequestInput, by: ActorId }),
    result: MaterialRequest,
  }),
  'materials.approve': method({
    right: 'materials.approve',
    actor: { param: 'by', is: 'id' },
    summary: 'The district approves a request awaiting approval.',
    params: requestStep({ note: z.string().trim().max(1000).default('') }),
    result: MaterialRequest,
  }),
  'materials.refuse': method({
    right: 'materials.approve',
    actor: { param: 'by', is: 'id' },
    summary: 'The district refuses a request awaiting approval, with a reason.',
    params: requestStep({ reason: z.string().trim().min(2, 'a refusal needs a reason').max(1000) }),
    result: MaterialRequest,
  }),
  'materials.dispatch': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary:
      'Dispatch an approved request from a place: one ledger out per item (and lot), tied to the request; refused, writing nothing, if the place holds too little of any item.',
    params: requestStep({ from: Place, note: z.string().trim().max(1000).default('') }),
    result: MaterialRequest,
  }),
  'materials.confirmReceipt': method({
    right: 'materials.request',
    actor: { param: 'by', is: 'id' },
    summary:
      'The requesting street confirms receipt of a dispatched request; the goods enter its reserve point (or `into`, a place of that street) unless intoStock is false.',
    params: requestStep({
      note: z.string().trim().max(1000).default(''),
      intoStock: z.boolean().default(true),
      into: Place.optional(),
    }),
    result: MaterialRequest,
  }),
  'materials.cancelRequest': method({
    right: 'materials.request',
    actor: { param: 'by', is: 'id' },
    summary: 'The requesting street withdraws a request not yet dispatched, with a reason.',
    params: requestStep({ reason: z.string().trim().min(2, 'a withdrawal needs a reason').max(1000) }),
    result: MaterialRequest,
  }),
  'materials.importStock': method({
    right: 'materials.write',
    actor: { param: 'by', is: 'id' },
    summary:
      'Import stock from an .xlsx workbook (sheet 库存; columns 地点, 物资名称, 单位, 数量, 有效期, 事由): each row is a movement in (入库) to its place, named as materials.listPlaces names it (a street’s name stands for its reserve point). All or nothing: a refusal (-32000) names every bad row, column and reason in its message and in data.problems [{ row, column, reason: { zh, en } }], and writes nothing. dryRun checks without writing.',
    params: z.strictObject({ fileBase64: FileBase64, dryRun: z.boolean().default(false), by: ActorId }),
    result: z.object({ rows: z.number().int(), dryRun: z.boolean(), entries: z.array(LedgerEntry) }),
  }),
} as const;

/** The sheet and columns materials.importStock reads. */
export const STOCK_SHEET = '库存';
export const STOCK_COLUMNS = { place: '地点', item: '物资名称', unit: '单位', quantity: '数量', expiry: '有效期', reason: '事由' } as const;

// ---- events ---------------------------------------------------------------------------
export const materialsEvents = {
  'materials.changed': event({
    right: 'read',
    summary:
      'Stock moved, a threshold or a reserve target changed, a request changed state, or a stock line crossed a threshold (alarm). Carries the ledger entries just written, the request, and the alarms raised.',
    payload: z.object({
      change: z.enum(['moved', 'threshold', 'target', 'requested', 'approved', 'refused', 'dispatched', 'received', 'cancelled', 'adopted', 'alarm']),
      entries: z.array(LedgerEntry),
      request: MaterialRequest.nullable(),
      alarms: z.array(StockAlarm),
    }),
  }),
} as const;
