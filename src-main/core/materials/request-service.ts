// Material requests (物资申请): a street asks, the district approves or refuses, a warehouse
// dispatches (ledger 'out' tied to the request), the street confirms receipt (ledger 'in' into its
// reserve point unless the goods are used at once). Each change kept with who, where and when;
// a street's caller sees and acts on its own street's requests only.
import type { z } from 'zod';
import type { PersonRef } from '../contract/duty';
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import {
  FINAL_REQUEST_STATES,
  REQUEST_STATE_LABELS,
  type MaterialRequest,
  type Place,
  type PlaceInfo,
  type RequestHistoryEntry,
  type RequestInput,
  type RequestState,
  type StockAlarm,
} from '../contract/materials';
import { formatLocal } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { SqlValue, Store, Tx } from '../store';
import { actorRef, refFrom, type Reader, type StateEventRow } from '../shared/records';
import { checkStreetPlace, existingPlace, PlaceBook, streetPlace } from './places';
import { fromMilli, lowBefore, lowCrossings, put, record, take, Thresholds, toMilli, type LedgerRow, type Mover } from './stock';
import { materialsId, type Caller, type StockService } from './stock-service';

export type RequestData = z.output<typeof RequestInput>;

interface RequestRow {
  id: string;
  street: string;
  items_json: string;
  purpose: string;
  needed_by: number | null;
  task_id: string | null;
  state: string;
  reason: string;
  dispatched_from: string | null;
  received_into: string | null;
  requested_at: number;
  requested_by_id: string;
  requested_by_name: string;
  requested_by_role: string;
  updated_at: number;
}

type Step = 'approve' | 'refuse' | 'dispatch' | 'receive' | 'cancel';
const STEPS: Record<Step, { from: RequestState[]; to: RequestState; zh: string; en: string }> = {
  approve: { from: ['requested'], to: 'approved', zh: '批准', en: 'approved' },
  refuse: { from: ['requested'], to: 'refused', zh: '驳回', en: 'refused' },
  dispatch: { from: ['approved'], to: 'dispatched', zh: '调拨发出', en: 'dispatched' },
  receive: { from: ['dispatched'], to: 'received', zh: '签收', en: 'received' },
  cancel: { from: ['requested', 'approved'], to: 'cancelled', zh: '撤回', en: 'withdrawn' },
};

const OPEN_SQL = `state NOT IN (${FINAL_REQUEST_STATES.map((s) => `'${s}'`).join(', ')})`;

function requestRow(db: Reader, id: string): RequestRow {
  const r = db.get<RequestRow>('SELECT * FROM material_request WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: '没有此物资申请（可能已被删除）', en: `no material request with id ${id}` });
  return r;
}

const itemsText = (items: { item: string; unit: string; quantity: number }[]): string => items.map((i) => `${i.item}${i.quantity}${i.unit}`).join('、');

export class RequestService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly stock: StockService,
  ) {}

  async request(input: RequestData, by: string, caller: Caller): Promise<MaterialRequest> {
    const at = this.now();
    const id = materialsId('mrq');
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const items = input.items.map((i) => ({ item: i.item, unit: i.unit, quantity: fromMilli(toMilli(i.quantity)) }));
      tx.run(
        `INSERT INTO material_request (id, street, items_json, purpose, needed_by, task_id, state, requested_at, requested_by_id, requested_by_name,
           requested_by_role, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?)`,
        [id, input.street, JSON.stringify(items), input.purpose, input.neededBy, input.taskId ?? null, at, actor.id, actor.name, actor.role, at],
      );
      const needed = input.neededBy === null ? '' : `；需要时间 ${formatLocal(input.neededBy)}`;
      this.note(tx, id, actor, caller, at, null, 'requested', `${itemsText(items)}：${input.purpose}${needed}`);
    });
    return this.changed('requested', id, []);
  }

  async approve(id: string, by: string, note: string, caller: Caller): Promise<MaterialRequest> {
    return this.simple('approve', id, by, note, caller);
  }

  async refuse(id: string, by: string, reason: string, caller: Caller): Promise<MaterialRequest> {
    return this.simple('refuse', id, by, reason, caller);
  }

  async cancel(id: string, by: string, reason: string, caller: Caller): Promise<MaterialRequest> {
    return this.simple('cancel', id, by, reason, caller);
  }

  /** Takes every item from the place in one transaction: all of it leaves, or (too little of any) nothing does. */
  async dispatch(id: string, from: Place, by: string, note: string, caller: Caller): Promise<MaterialRequest> {
    const at = this.now();
    const movementId = materialsId('mov');
    const alarms = await this.store.write((tx): StockAlarm[] => {
      const actor = actorRef(tx, by);
      const r = this.stepRow(tx, 'dispatch', id);
      const place = existingPlace(tx, from, 'from');
      checkStreetPlace(place, caller.street, 'from');
      const items = JSON.parse(r.items_json) as { item: string; unit: string; quantity: number }[];
      const lines = items.map((i) => ({ place, item: i.item, unit: i.unit }));
      const t = new Thresholds(tx);
      const before = lowBefore(tx, t, lines);
      const mover: Mover = { by: actor, peer: caller.peer, street: caller.street ?? null, at, movementId, taskId: r.task_id, requestId: id, demo: false };
      const reason = `物资申请调拨：${r.street}（${r.purpose}）${note ? `；${note}` : ''}`;
      for (const i of items)
        for (const lot of take(tx, place, i.item, i.unit, toMilli(i.quantity), undefined))
          record(tx, mover, { kind: 'out', from: place, to: null, item: i.item, unit: i.unit, milli: lot.milli, expiry: lot.expiry, reason });
      tx.run('UPDATE material_request SET state = ?, dispatched_from = ?, updated_at = ? WHERE id = ?', ['dispatched', place.key, at, id]);
      this.note(tx, id, actor, caller, at, r.state as RequestState, 'dispatched', `自${place.name}发出${note ? `：${note}` : ''}`);
      return lowCrossings(tx, t, before, lines);
    });
    this.stock.tell(
      'moved',
      this.stock
        .listLedger({ requestId: id, limit: 500 })
        .filter((e) => e.movementId === movementId)
        .reverse(),
      alarms,
    );
    return this.changed('dispatched', id, []);
  }

  /** The street confirms receipt; the lots dispatched enter its reserve point (or `into`) unless intoStock is false. */
  async receive(id: string, by: string, note: string, intoStock: boolean, into: Place | undefined, caller: Caller): Promise<MaterialRequest> {
    const at = this.now();
    const movementId = materialsId('mov');
    const moved = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const r = this.stepRow(tx, 'receive', id);
      this.checkStreet(r, caller);
      let place: PlaceInfo | null = null;
      if (intoStock) {
        place = into ? existingPlace(tx, into, 'into') : streetPlace(r.street);
        checkStreetPlace(place, r.street, 'into');
        const mover: Mover = { by: actor, peer: caller.peer, street: caller.street ?? null, at, movementId, taskId: r.task_id, requestId: id, demo: false };
        const outs = tx.all<LedgerRow>("SELECT * FROM material_ledger WHERE request_id = ? AND kind = 'out' ORDER BY seq", [id]);
        for (const o of outs) {
          put(tx, place, o.item, o.unit, o.qty_milli, o.expiry);
          record(tx, mover, {
            kind: 'in',
            from: null,
            to: place,
            item: o.item,
            unit: o.unit,
            milli: o.qty_milli,
            expiry: o.expiry,
            reason: `物资申请签收入库${note ? `：${note}` : ''}`,
          });
        }
      }
      tx.run('UPDATE material_request SET state = ?, received_into = ?, updated_at = ? WHERE id = ?', ['received', place?.key ?? null, at, id]);
      this.note(
        tx,
        id,
        actor,
        caller,
        at,
        r.state as RequestState,
        'received',
        `${place ? `签收入${place.name}` : '签收（直接使用，不入库）'}${note ? `：${note}` : ''}`,
      );
      return place !== null;
    });
    if (moved)
      this.stock.tell(
        'moved',
        this.stock
          .listLedger({ requestId: id, limit: 500 })
          .filter((e) => e.movementId === movementId)
          .reverse(),
        [],
      );
    return this.changed('received', id, []);
  }

  list(f: { state?: RequestState | 'open'; street?: string; limit: number }, caller: Caller): MaterialRequest[] {
    if (caller.street !== undefined && f.street !== undefined && f.street !== caller.street) throw forbiddenStreet(caller.street, f.street);
    const street = caller.street ?? f.street;
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (f.state === 'open') where.push(OPEN_SQL);
    else if (f.state !== undefined) (where.push('state = ?'), params.push(f.state));
    if (street !== undefined) (where.push('street = ?'), params.push(street));
    const rows = this.store.all<RequestRow>(
      `SELECT * FROM material_request ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at DESC, rowid DESC LIMIT ?`,
      [...params, f.limit],
    );
    const places = new PlaceBook(this.store);
    return rows.map((r) => this.fromRow(r, places));
  }

  get(id: string, caller: Caller): MaterialRequest {
    const r = requestRow(this.store, id);
    this.checkStreet(r, caller);
    return this.fromRow(r, new PlaceBook(this.store));
  }

  private async simple(step: 'approve' | 'refuse' | 'cancel', id: string, by: string, text: string, caller: Caller): Promise<MaterialRequest> {
    const at = this.now();
    const s = STEPS[step];
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const r = this.stepRow(tx, step, id);
      if (step === 'cancel') this.checkStreet(r, caller);
      const cols: Record<string, SqlValue> = { state: s.to, updated_at: at };
      if (step !== 'approve') cols.reason = text;
      const names = Object.keys(cols);
      tx.run(`UPDATE material_request SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, [...names.map((n) => cols[n]), id]);
      this.note(tx, id, actor, caller, at, r.state as RequestState, s.to, text);
    });
    return this.changed(s.to === 'approved' ? 'approved' : s.to === 'refused' ? 'refused' : 'cancelled', id, []);
  }

  /** The request, if its state allows the step; else a refusal naming its state, Chinese first. */
  private stepRow(tx: Tx, step: Step, id: string): RequestRow {
    const r = requestRow(tx, id);
    const s = STEPS[step];
    const state = r.state as RequestState;
    if (!s.from.includes(state)) {
      const allowed = s.from.map((x) => REQUEST_STATE_LABELS[x].zh).join('、');
      throw new RefusedError(
        {
          zh: `${r.street}的物资申请当前为“${REQUEST_STATE_LABELS[state].zh}”，不能${s.zh}（仅${allowed}的申请可以）`,
          en: `material request ${id} is ${REQUEST_STATE_LABELS[state].en.toLowerCase()}: it cannot be ${s.en}; only one ${s.from.map((x) => REQUEST_STATE_LABELS[x].en.toLowerCase()).join(' or ')} can`,
        },
        { state, step },
      );
    }
    return r;
  }

  private checkStreet(r: RequestRow, caller: Caller): void {
    if (caller.street === undefined || caller.street === r.street) return;
    throw forbiddenStreet(caller.street, r.street);
  }

  private note(tx: Tx, id: string, by: PersonRef, caller: Caller, at: number, from: RequestState | null, to: RequestState, text: string): void {
    tx.run(
      'INSERT INTO material_request_event (request_id, at, from_state, to_state, text, by_id, by_name, by_role, peer, street) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [id, at, from, to, text, by.id, by.name, by.role, caller.peer, caller.street ?? null],
    );
  }

  private fromRow(r: RequestRow, places: PlaceBook): MaterialRequest {
    const history = this.store
      .all<StateEventRow>('SELECT * FROM material_request_event WHERE request_id = ? ORDER BY seq', [r.id])
      .map((e): RequestHistoryEntry => ({
        at: e.at,
        by: refFrom(e.by_id, e.by_name, e.by_role),
        peer: e.peer,
        street: e.street,
        from: e.from_state as RequestState | null,
        to: e.to_state as RequestState,
        text: e.text,
      }));
    return {
      id: r.id,
      street: r.street,
      items: JSON.parse(r.items_json) as MaterialRequest['items'],
      purpose: r.purpose,
      neededBy: r.needed_by,
      taskId: r.task_id,
      state: r.state as RequestState,
      reason: r.reason,
      dispatchedFrom: r.dispatched_from === null ? null : places.info(r.dispatched_from),
      receivedInto: r.received_into === null ? null : places.info(r.received_into),
      requestedAt: r.requested_at,
      requestedBy: refFrom(r.requested_by_id, r.requested_by_name, r.requested_by_role),
      updatedAt: r.updated_at,
      history,
    };
  }

  private changed(change: 'requested' | 'approved' | 'refused' | 'dispatched' | 'received' | 'cancelled', id: string, alarms: StockAlarm[]): MaterialRequest {
    const request = this.fromRow(requestRow(this.store, id), new PlaceBook(this.store));
    this.bus.emit('materials.changed', { change, entries: [], request, alarms });
    return request;
  }
}

function forbiddenStreet(street: string, other: string): RpcError {
  return new RpcError(
    RpcCode.Forbidden,
    `这是${other}的物资申请，${street}只能查看和办理本街道的申请 (forbidden: a caller of ${street} sees and acts on its own street's material requests only, not ${other}'s)`,
    { street, requestStreet: other },
  );
}
