// A UPS with an SNMP card speaking UPS-MIB (RFC 1628), read with net-snmp: one GET of every
// object we use per poll. Values are mapped to NUT's status tokens so that every UPS reads alike.
import * as snmp from 'net-snmp';
import type { z } from 'zod';
import { DEFAULT_SNMP_COMMUNITY, type SnmpSourceConfig } from '../../contract/power';
import { emptyReadings } from '../readings';
import { PolledSource, SourceError, type PollResult, type SourceHooks } from './polled-source';

type SnmpConfig = z.output<typeof SnmpSourceConfig> & { community?: string };

/** UPS-MIB objects (upsMIB = 1.3.6.1.2.1.33); table columns read at row 1 (the first line/output). */
export const UPS_MIB = {
  upsBatteryStatus: '1.3.6.1.2.1.33.1.2.1.0',
  upsEstimatedMinutesRemaining: '1.3.6.1.2.1.33.1.2.3.0',
  upsEstimatedChargeRemaining: '1.3.6.1.2.1.33.1.2.4.0',
  upsInputFrequency: '1.3.6.1.2.1.33.1.3.3.1.2.1',
  upsInputVoltage: '1.3.6.1.2.1.33.1.3.3.1.3.1',
  upsOutputSource: '1.3.6.1.2.1.33.1.4.1.0',
  upsOutputFrequency: '1.3.6.1.2.1.33.1.4.2.0',
  upsOutputVoltage: '1.3.6.1.2.1.33.1.4.4.1.2.1',
  upsOutputPercentLoad: '1.3.6.1.2.1.33.1.4.4.1.5.1',
  upsAlarmsPresent: '1.3.6.1.2.1.33.1.6.1.0',
} as const;
type MibName = keyof typeof UPS_MIB;
const NAMES = Object.keys(UPS_MIB) as MibName[];

/** upsOutputSource: other(1) none(2) normal(3) bypass(4) battery(5) booster(6) reducer(7). */
const OUTPUT_SOURCE_TOKENS: Record<number, string[]> = {
  1: ['OTHER'],
  2: ['OFF'],
  3: ['OL'],
  4: ['OL', 'BYPASS'],
  5: ['OB', 'DISCHRG'],
  6: ['OL', 'BOOST'],
  7: ['OL', 'TRIM'],
};

export class SnmpSource extends PolledSource {
  private session: snmp.Session | null = null;
  private lastSessionError: string | null = null;

  constructor(
    private readonly cfg: SnmpConfig,
    hooks: SourceHooks,
  ) {
    super(cfg.id, cfg.pollMs, hooks);
  }

  describe(): string {
    return `snmp ${this.cfg.host}:${this.cfg.port}`;
  }

  protected async open(): Promise<void> {
    const session = snmp.createSession(this.cfg.host, this.cfg.community || DEFAULT_SNMP_COMMUNITY, {
      port: this.cfg.port,
      version: this.cfg.version === '1' ? snmp.Version1 : snmp.Version2c,
      // One try per poll: the next poll is the retry, and staleness is judged over two polls.
      timeout: Math.max(100, 2 * this.cfg.pollMs - 20),
      retries: 0,
    });
    // Socket errors (a malformed datagram …) arrive here, not as throws; logged once per kind,
    // since a broken agent would repeat them every poll.
    session.on('error', (err: Error) => {
      if (err.name === this.lastSessionError) return;
      this.lastSessionError = err.name;
      this.hooks.log.warn(`[power] ${this.id} (${this.describe()}): ${err.message}`);
    });
    this.session = session;
  }

  protected poll(): Promise<PollResult> {
    const session = this.session;
    if (!session) return Promise.reject(new SourceError('offline', 'closed', `${this.describe()}: no session`));
    return new Promise((resolve, reject) => {
      session.get(
        NAMES.map((n) => UPS_MIB[n]),
        (error: Error | null, varbinds?: snmp.Varbind[]) => {
          if (error) {
            const timedOut = error.name === 'RequestTimedOutError' || /timed out/i.test(error.message);
            reject(new SourceError(timedOut ? 'stale' : 'error', timedOut ? 'silent' : error.name, `${this.describe()}: ${error.message}`));
            return;
          }
          try {
            resolve({ kind: 'data', readings: upsMibReadings(this.describe(), varbinds ?? []) });
          } catch (err) {
            reject(err);
          }
        },
      );
    });
  }

  protected close(): void {
    try {
      this.session?.close();
    } catch {
      // Already closed.
    }
    this.session = null;
  }
}

/** Varbinds (in UPS_MIB order) to readings; an object the agent lacks reads as null. */
export function upsMibReadings(where: string, varbinds: snmp.Varbind[]) {
  const v: Partial<Record<MibName, number>> = {};
  NAMES.forEach((name, i) => {
    const vb = varbinds[i];
    if (!vb || snmp.isVarbindError(vb)) return;
    const value = typeof vb.value === 'number' ? vb.value : Buffer.isBuffer(vb.value) ? Number(vb.value.toString()) : NaN;
    if (Number.isFinite(value)) v[name] = value;
  });
  if (v.upsOutputSource === undefined) throw new SourceError('error', 'no-ups-mib', `${where} does not serve UPS-MIB upsOutputSource (1.3.6.1.2.1.33.1.4.1.0)`);
  const r = emptyReadings();
  r.status = [...(OUTPUT_SOURCE_TOKENS[v.upsOutputSource] ?? ['OTHER'])];
  // upsBatteryStatus: unknown(1) batteryNormal(2) batteryLow(3) batteryDepleted(4)
  if (v.upsBatteryStatus === 3 || v.upsBatteryStatus === 4) r.status.push('LB');
  if (v.upsAlarmsPresent !== undefined && v.upsAlarmsPresent > 0) r.deviceAlarms = [`UPS-MIB alarms present: ${v.upsAlarmsPresent}`];
  r.batteryChargePercent = v.upsEstimatedChargeRemaining ?? null;
  r.runtimeMinutes = v.upsEstimatedMinutesRemaining ?? null;
  r.runtimeBasis = r.runtimeMinutes === null ? null : 'reported';
  r.loadPercent = v.upsOutputPercentLoad ?? null;
  r.inputVoltage = v.upsInputVoltage ?? null;
  r.outputVoltage = v.upsOutputVoltage ?? null;
  // Frequencies are in tenths of a hertz in UPS-MIB.
  r.inputFrequency = v.upsInputFrequency === undefined ? null : v.upsInputFrequency / 10;
  r.outputFrequency = v.upsOutputFrequency === undefined ? null : v.upsOutputFrequency / 10;
  return r;
}
