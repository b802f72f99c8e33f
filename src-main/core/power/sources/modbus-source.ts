// The generator (or the generator truck's controller) on Modbus TCP, read through the register map
// of its controller model with modbus-serial: one FC03 request per block of registers per poll.
import ModbusRTU from 'modbus-serial';
import type { z } from 'zod';
import type { ModbusSourceConfig } from '../../contract/power';
import { decodeRegisters, readPlan, type RegisterMap } from '../maps/register-map';
import { emptyReadings } from '../readings';
import { PolledSource, SourceError, type PollResult, type SourceHooks } from './polled-source';

type ModbusConfig = z.output<typeof ModbusSourceConfig>;

export class ModbusSource extends PolledSource {
  private client: ModbusRTU | null = null;
  /** Rejects the read in flight when the connection drops (modbus-serial leaves it hanging). */
  private dropped: ((err: Error) => void) | null = null;
  private readonly plan: { start: number; length: number }[];

  constructor(
    private readonly cfg: ModbusConfig,
    private readonly map: RegisterMap,
    hooks: SourceHooks,
  ) {
    super(cfg.id, cfg.pollMs, hooks);
    this.plan = readPlan(map);
  }

  describe(): string {
    return `modbus ${this.cfg.host}:${this.cfg.port} unit ${this.cfg.unitId} (${this.map.id})`;
  }

  protected async open(): Promise<void> {
    const client = new ModbusRTU();
    // Without a listener an 'error' event would throw and take the app down.
    client.on('error', () => undefined);
    client.on('close', () => this.dropped?.(new SourceError('offline', 'closed', `${this.describe()}: connection closed`)));
    this.client = client;
    try {
      await client.connectTCP(this.cfg.host, { port: this.cfg.port });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new SourceError('offline', e.code ?? 'connect', `cannot reach ${this.describe()}: ${e.message}`);
    }
    client.setID(this.cfg.unitId);
    client.setTimeout(Math.max(100, 2 * this.cfg.pollMs - 20));
  }

  protected async poll(): Promise<PollResult> {
    const client = this.client;
    if (!client || !client.isOpen) throw new SourceError('offline', 'closed', `${this.describe()}: not connected`);
    const words = new Map<number, number>();
    for (const block of this.plan) {
      const data = await Promise.race([
        client.readHoldingRegisters(block.start, block.length).then((r) => r.data),
        new Promise<never>((_, reject) => (this.dropped = reject)),
      ]).catch((err: Error & { modbusCode?: number; errno?: string }) => {
        if (err instanceof SourceError) throw err;
        if (typeof err.modbusCode === 'number')
          throw new SourceError(
            'error',
            `modbus-${err.modbusCode}`,
            `${this.describe()} refused registers ${block.start}–${block.start + block.length - 1}: ${err.message}`,
          );
        if (err.errno === 'ETIMEDOUT' || /timed out/i.test(err.message)) throw new SourceError('stale', 'silent', `${this.describe()}: ${err.message}`);
        throw new SourceError('error', 'modbus', `${this.describe()}: ${err.message}`);
      });
      if (!Array.isArray(data) || data.length !== block.length)
        throw new SourceError('error', 'protocol', `${this.describe()} answered ${Array.isArray(data) ? data.length : 'no'} registers for ${block.length}`);
      data.forEach((w, k) => words.set(block.start + k, w));
    }
    this.dropped = null;
    const decoded = decodeRegisters(this.map, (a) => words.get(a) ?? 0);
    const readings = { ...emptyReadings(), ...decoded.readings };
    readings.status = [
      readings.mainsAvailable ? 'MAINS' : 'NO-MAINS',
      ...(readings.generatorRunning ? ['RUN'] : []),
      ...(decoded.alarms.length > 0 ? ['ALARM'] : []),
    ];
    readings.deviceAlarms = decoded.alarms.map((a) => a.code);
    return { kind: 'data', readings, faults: decoded.alarms.map((a) => ({ code: a.code, severity: a.severity, label: a.label })) };
  }

  protected close(): void {
    const client = this.client;
    this.client = null;
    this.dropped = null;
    if (!client) return;
    try {
      client.close(() => undefined);
    } catch {
      // Already closed.
    }
  }
}
