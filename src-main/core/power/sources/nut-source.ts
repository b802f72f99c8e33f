// A UPS behind NUT's upsd. To beat upsmon (5 s) on alarm latency it keeps one connection and asks
// for ups.status every poll (GET VAR, one short line), and for every variable (LIST VAR) about
// once a second or at once when the status changed.
import type { NutSourceConfig } from '../../contract/power';
import type { z } from 'zod';
import { emptyReadings, numberOrNull } from '../readings';
import { NutConnection, NutError } from './nut-client';
import { PolledSource, SourceError, type PollResult, type SourceHooks } from './polled-source';

type NutConfig = z.output<typeof NutSourceConfig> & { password?: string };

/** upsd's answers that mean "the server is up but has no fresh data for this UPS". */
const WAITING_ERRORS: Record<string, string> = {
  'DRIVER-NOT-CONNECTED': 'upsd has no connection to the UPS driver',
  'DATA-STALE': 'upsd reports the UPS data as stale (the driver stopped updating)',
};

const FULL_EVERY_MS = 1_000;

export class NutSource extends PolledSource {
  private conn: NutConnection | null = null;
  private vars = new Map<string, string>();
  private lastStatus: string | null = null;
  private lastFullAt = 0;

  constructor(
    private readonly cfg: NutConfig,
    hooks: SourceHooks,
  ) {
    super(cfg.id, cfg.pollMs, hooks);
  }

  describe(): string {
    return `nut ${this.cfg.ups}@${this.cfg.host}:${this.cfg.port}`;
  }

  protected async open(): Promise<void> {
    const conn = await NutConnection.open({ host: this.cfg.host, port: this.cfg.port });
    this.conn = conn;
    try {
      if (this.cfg.tls === 'starttls') await conn.startTls({ servername: this.cfg.host, ca: this.cfg.tlsCa, insecure: this.cfg.tlsInsecure });
      if (this.cfg.username) await conn.authenticate(this.cfg.username, this.cfg.password);
      const upses = await conn.listUps();
      if (!upses.some((u) => u.name === this.cfg.ups)) {
        const names = upses.map((u) => u.name).join(', ') || 'none';
        throw new SourceError('error', 'unknown-ups', `upsd at ${this.cfg.host}:${this.cfg.port} has no UPS named "${this.cfg.ups}" (it has: ${names})`);
      }
      if (this.cfg.login) await conn.login(this.cfg.ups);
    } catch (err) {
      if (err instanceof NutError) throw new SourceError('error', `nut-${err.code}`, `${this.describe()}: ${err.message}`);
      throw err;
    }
    this.vars = new Map();
    this.lastStatus = null;
    this.lastFullAt = 0;
  }

  protected async poll(): Promise<PollResult> {
    const conn = this.conn;
    if (!conn) throw new SourceError('offline', 'closed', `${this.describe()}: not connected`);
    let status: string;
    try {
      status = await conn.getVar(this.cfg.ups, 'ups.status');
      if (status !== this.lastStatus || Date.now() - this.lastFullAt >= FULL_EVERY_MS) {
        this.vars = await conn.listVars(this.cfg.ups);
        this.lastFullAt = Date.now();
        // The list is newer than the GET: take its status if it has one.
        status = this.vars.get('ups.status') ?? status;
      }
    } catch (err) {
      if (err instanceof NutError) {
        const waiting = WAITING_ERRORS[err.code];
        if (waiting) {
          this.lastStatus = null;
          return { kind: 'waiting', detail: `${waiting} (ERR ${err.code})`, readings: { ...emptyReadings(), status: ['WAIT'] } };
        }
        throw new SourceError('error', `nut-${err.code}`, `${this.describe()}: ${err.message}`);
      }
      throw err;
    }
    this.lastStatus = status;
    const readings = nutReadings(status, this.vars);
    if (readings.status.includes('WAIT')) return { kind: 'waiting', detail: 'the UPS reports WAIT (its driver is starting)', readings };
    return { kind: 'data', readings };
  }

  protected close(): void {
    this.conn?.close();
    this.conn = null;
  }
}

/** NUT variables to readings; battery.runtime is in seconds in NUT. */
export function nutReadings(status: string, vars: Map<string, string>) {
  const r = emptyReadings();
  r.status = status.split(/\s+/).filter(Boolean);
  const n = (name: string): number | null => numberOrNull(vars.get(name));
  r.batteryChargePercent = n('battery.charge');
  const runtimeS = n('battery.runtime');
  r.runtimeMinutes = runtimeS === null ? null : runtimeS / 60;
  r.runtimeBasis = runtimeS === null ? null : 'reported';
  r.loadPercent = n('ups.load');
  r.inputVoltage = n('input.voltage');
  r.outputVoltage = n('output.voltage');
  r.inputFrequency = n('input.frequency');
  r.outputFrequency = n('output.frequency');
  const alarm = vars.get('ups.alarm');
  if (alarm) r.deviceAlarms = [alarm];
  return r;
}
