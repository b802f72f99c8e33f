// Materials (物资): the places, the stock by place and item with its flags, the latest ledger
// entries, the thresholds and the requests (a street's page: its own only, as the server gives
// them), followed live through materials.changed; the alarms heard (the wall sounds for a while).
// Commands act as the app slice's acting person and fold the server's reply in at once.
import type { LedgerEntry, MaterialRequest, MovementInput, Place, PlaceInfo, RequestInput, StockLine, Threshold, ThresholdInput } from '@contract/materials';
import type { StreetName } from '@contract/yuexiu';
import { appSlice } from '../app/app-slice';
import { defineSlice, type SliceTools } from '../slice';
import { addAlarms, upsertRequest, type HeardAlarm } from './materials';

export interface MaterialsState {
  places: PlaceInfo[];
  stock: StockLine[];
  /** Newest first. */
  ledger: LedgerEntry[];
  requests: MaterialRequest[];
  thresholds: Threshold[];
  /** Newest first. */
  alarms: HeardAlarm[];
  /** The street of this page's machine (a street centre), null on the district's. */
  street: StreetName | null;
  /** The rows the last stock import was refused for (null: none refused since). */
  importProblems: ImportProblem[] | null;
}

export interface ImportProblem {
  row: number;
  column: string;
  reason: string;
}

function problemsOf(err: unknown): ImportProblem[] {
  const data = (err as { data?: { problems?: unknown } } | null)?.data;
  return Array.isArray(data?.problems) ? (data.problems as ImportProblem[]) : [];
}

/** How many ledger entries and requests the page keeps. */
export const LEDGER_LIMIT = 200;
export const REQUESTS_LIMIT = 200;

const readStock = (t: SliceTools<MaterialsState>) =>
  t.run('stockRefresh', async () => {
    const [stock, thresholds] = await Promise.all([t.client.call('materials.listStock', {}), t.client.call('materials.listThresholds', {})]);
    t.set({ stock, thresholds });
  });

export const materialsSlice = defineSlice({
  name: 'materials',
  loadAs: 'materialsLoad',
  initial: (): MaterialsState => ({ places: [], stock: [], ledger: [], requests: [], thresholds: [], alarms: [], street: null, importProblems: null }),
  async load({ client }) {
    const [places, stock, ledger, requests, thresholds, machine] = await Promise.all([
      client.call('materials.listPlaces', {}),
      client.call('materials.listStock', {}),
      client.call('materials.listLedger', { limit: LEDGER_LIMIT }),
      client.call('materials.listRequests', { limit: REQUESTS_LIMIT }),
      client.call('materials.listThresholds', {}),
      client.call('auth.getMachine', {}),
    ]);
    return { places, stock, ledger, requests, thresholds, street: machine?.street ?? null };
  },
  events: {
    'materials.changed': (p, t) => {
      // Stock lines are not in the push: read them again when stock or thresholds moved.
      if (p.change === 'moved' || p.change === 'adopted' || p.change === 'threshold') void readStock(t);
      return (s) => ({
        ledger: p.entries.length ? mergeLedger(s.ledger, p.entries) : s.ledger,
        requests: p.request ? upsertRequest(s.requests, p.request) : s.requests,
        alarms: p.alarms.length ? addAlarms(s.alarms, p.alarms, t.now()) : s.alarms,
      });
    },
  },
  commands: (t) => {
    const { client } = t;
    /** The acting person; an empty id is refused by the server naming params.by. */
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    const fold = (r: MaterialRequest): MaterialRequest => {
      t.set((s) => ({ requests: upsertRequest(s.requests, r) }));
      return r;
    };
    return {
      moveStock: async (movement: MovementInput) => {
        const entries = await client.call('materials.move', { movement, by: by() });
        t.set((s) => ({ ledger: mergeLedger(s.ledger, entries) }));
        await readStock(t);
        return entries;
      },
      saveThreshold: async (threshold: ThresholdInput) => {
        const saved = await client.call('materials.saveThreshold', { threshold, by: by() });
        await readStock(t);
        return saved;
      },
      requestMaterials: async (request: RequestInput) => fold(await client.call('materials.request', { request, by: by() })),
      approveRequest: async (id: string, note = '') => fold(await client.call('materials.approve', { id, note, by: by() })),
      refuseRequest: async (id: string, reason: string) => fold(await client.call('materials.refuse', { id, reason, by: by() })),
      dispatchRequest: async (id: string, from: Place, note = '') => fold(await client.call('materials.dispatch', { id, from, note, by: by() })),
      confirmReceipt: async (id: string, note = '', intoStock = true) => fold(await client.call('materials.confirmReceipt', { id, note, intoStock, by: by() })),
      cancelRequest: async (id: string, reason: string) => fold(await client.call('materials.cancelRequest', { id, reason, by: by() })),
      importStock: async (fileBase64: string) => {
        t.set({ importProblems: null });
        try {
          const r = await client.call('materials.importStock', { fileBase64, by: by() });
          t.set((s) => ({ ledger: mergeLedger(s.ledger, r.entries) }));
          await readStock(t);
          return r;
        } catch (err) {
          t.set({ importProblems: problemsOf(err) });
          throw err; // shown beside the import under importStock
        }
      },
      /** Ledger entries of one place (the console's place view), newest first. */
      readLedger: (place: Place) => client.call('materials.listLedger', { place, limit: LEDGER_LIMIT }),
    };
  },
});

/** New entries joined to the ledger, newest first, each once, at most LEDGER_LIMIT. */
export function mergeLedger(list: readonly LedgerEntry[], entries: readonly LedgerEntry[]): LedgerEntry[] {
  const seen = new Set(list.map((e) => e.seq));
  return [...entries.filter((e) => !seen.has(e.seq)), ...list].sort((a, b) => b.seq - a.seq).slice(0, LEDGER_LIMIT);
}
