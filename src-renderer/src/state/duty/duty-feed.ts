// Keeps the duty state in step with the server while some screen shows it: one full read
// when the link opens (and after every reconnect, since missed pushes are not replayed), then
// the pushed events. Pushes that arrive while a read is under way are replayed onto its reply,
// so a slower reply never undoes a newer change.
import type { PayloadOf } from '@contract/api';
import type { OnDuty } from '@contract/duty';
import type { DutyDeps, Runner } from './duty-runner';
import { HANDOVER_LIMIT, msUntil, pruneArrivals, REPORT_LIMIT, upsertHandover, upsertReport, upsertResponse, type DutyState } from './duty-state';

type Push =
  | { e: 'duty.rosterChanged'; p: PayloadOf<'duty.rosterChanged'> }
  | { e: 'duty.logChanged'; p: PayloadOf<'duty.logChanged'> }
  | { e: 'duty.handoverChanged'; p: PayloadOf<'duty.handoverChanged'> }
  | { e: 'plans.responseChanged'; p: PayloadOf<'plans.responseChanged'> }
  | { e: 'plans.libraryChanged'; p: PayloadOf<'plans.libraryChanged'> };

export interface DutyFeed {
  /** A screen that shows duty data holds the feed while mounted; the last release stops it. */
  retain(): () => void;
  load(): Promise<boolean>;
  setOnDuty(onDuty: OnDuty): void;
}

export function createDutyFeed(deps: DutyDeps, r: Runner): DutyFeed {
  const { client, now } = deps;
  let holders = 0;
  let offs: (() => void)[] = [];
  let onDutyTimer: ReturnType<typeof setTimeout> | null = null;
  const replays = new Set<Push[]>();

  const setOnDuty = (onDuty: OnDuty): void => {
    r.patch({ onDuty });
    if (onDutyTimer) clearTimeout(onDutyTimer);
    onDutyTimer = null;
    // The answer changes at validUntil (a shift ends or starts): ask again just after it.
    if (onDuty.validUntil !== null && holders > 0) {
      onDutyTimer = setTimeout(() => void refreshOnDuty(), msUntil(onDuty.validUntil + 500, now(), deps.get().serverOffsetMs));
    }
  };
  const refreshOnDuty = async (): Promise<void> => {
    const o = await r.run('dutyLoad', () => client.call('duty.getOnDuty', {}));
    if (o) setOnDuty(o);
  };
  const refreshPeople = async (): Promise<void> => {
    const people = await r.run('dutyLoad', () => client.call('duty.listPeople', {}));
    if (people) r.patch({ people });
  };

  const apply = (push: Push): void => {
    switch (push.e) {
      case 'duty.rosterChanged':
        setOnDuty(push.p.onDuty);
        r.patch((d) => ({ rosterVersion: d.rosterVersion + 1 }));
        if (push.p.reason !== 'shifts' && push.p.reason !== 'publish') void refreshPeople();
        return;
      case 'duty.logChanged': {
        const { report, change, openCounts } = push.p;
        if (!report) return void load(); // a bulk change (the demo set): read everything again
        r.patch((d) => ({
          reports: upsertReport(d.reports, report),
          openCounts,
          arrivals: change === 'recorded' ? { ...pruneArrivals(d.arrivals, now()), [report.id]: now() } : d.arrivals,
        }));
        return;
      }
      case 'duty.handoverChanged':
        if (push.p.handover) r.patch((d) => ({ handovers: upsertHandover(d.handovers, push.p.handover!) }));
        return;
      case 'plans.responseChanged':
        r.patch((d) => ({ responses: upsertResponse(d.responses, push.p.response) }));
        return;
      case 'plans.libraryChanged':
        r.patch((d) => ({ kpis: push.p.kpis, libraryVersion: d.libraryVersion + 1 }));
        return;
    }
  };
  const receive = (push: Push): void => {
    for (const q of replays) q.push(push);
    apply(push);
  };

  async function load(): Promise<boolean> {
    const queue: Push[] = [];
    replays.add(queue);
    const ok = await r.run('dutyLoad', async () => {
      const [onDuty, log, responses, kpis, handovers, people, dataStatus] = await Promise.all([
        client.call('duty.getOnDuty', {}),
        client.call('duty.listReports', { limit: REPORT_LIMIT }),
        client.call('plans.listResponses', { status: 'active' }),
        client.call('plans.getKpis', {}),
        client.call('duty.listHandovers', { limit: HANDOVER_LIMIT }),
        client.call('duty.listPeople', {}),
        client.call('duty.getDataStatus', {}),
      ]);
      const next: Partial<DutyState> = { loaded: true, reports: log.reports, openCounts: log.openCounts, responses, kpis, handovers, people, dataStatus };
      r.patch((d) => ({ ...next, rosterVersion: d.rosterVersion + 1, libraryVersion: d.libraryVersion + 1 }));
      setOnDuty(onDuty);
      return true;
    });
    replays.delete(queue);
    for (const push of queue) apply(push);
    return ok ?? false;
  }

  const start = (): void => {
    offs = [
      client.on('duty.rosterChanged', (p) => receive({ e: 'duty.rosterChanged', p })),
      client.on('duty.logChanged', (p) => receive({ e: 'duty.logChanged', p })),
      client.on('duty.handoverChanged', (p) => receive({ e: 'duty.handoverChanged', p })),
      client.on('plans.responseChanged', (p) => receive({ e: 'plans.responseChanged', p })),
      client.on('plans.libraryChanged', (p) => receive({ e: 'plans.libraryChanged', p })),
      // Heard at once with the current status, so an open link loads straight away.
      client.onStatus((s) => void (s === 'open' && load())),
    ];
  };
  const stop = (): void => {
    offs.forEach((off) => off());
    offs = [];
    if (onDutyTimer) clearTimeout(onDutyTimer);
    onDutyTimer = null;
  };

  return {
    retain() {
      if (holders++ === 0) start();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) stop();
      };
    },
    load,
    setOnDuty,
  };
}
