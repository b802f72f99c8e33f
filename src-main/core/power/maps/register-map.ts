// Register maps of generator controllers: which holding register holds what, with its scale and
// unit. One JSON file per controller model; the shipped ones are imported below, and a site can
// add its own as <dataDir>/power-maps/<model>.json (checked against the same schema).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AlarmSeverity, PowerText, type PowerReadings } from '../../contract/power';
import genericController from './generic-controller.json';

/** Each meaning has one unit: a map converts raw values into it with `scale`. */
export const MEANING_UNITS = {
  running: 'bool',
  mainsAvailable: 'bool',
  engineSpeed: 'rpm',
  outputVoltage: 'V',
  outputFrequency: 'Hz',
  fuelLevel: '%',
  coolantTemperature: '°C',
  oilPressure: 'kPa',
  starterBatteryVoltage: 'V',
  alarmBits: 'bits',
  mainsVoltage: 'V',
  loadPercent: '%',
} as const;
export type Meaning = keyof typeof MEANING_UNITS;

const RegisterType = z.enum(['uint16', 'int16', 'uint32', 'int32']);

const AlarmBit = z.object({
  bit: z.number().int().min(0).max(31),
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  severity: AlarmSeverity,
  label: PowerText,
});

const Register = z.object({
  meaning: z.enum(Object.keys(MEANING_UNITS) as [Meaning, ...Meaning[]]),
  /** 0-based holding register address (40001 is 0). */
  address: z.number().int().min(0).max(65_535),
  type: RegisterType.default('uint16'),
  scale: z.number().positive().default(1),
  unit: z.string(),
  label: PowerText,
  bits: z.array(AlarmBit).optional(),
});

export const RegisterMap = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    name: PowerText,
    notes: z.string().optional(),
    registers: z.array(Register).min(1),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.registers.forEach((r, i) => {
      if (seen.has(r.meaning)) ctx.addIssue({ code: 'custom', path: ['registers', i, 'meaning'], message: `${r.meaning} is mapped twice` });
      seen.add(r.meaning);
      if (r.unit !== MEANING_UNITS[r.meaning])
        ctx.addIssue({
          code: 'custom',
          path: ['registers', i, 'unit'],
          message: `${r.meaning} is in ${MEANING_UNITS[r.meaning]}, not ${r.unit}: convert with scale`,
        });
      if (r.meaning === 'alarmBits' && !r.bits?.length)
        ctx.addIssue({ code: 'custom', path: ['registers', i, 'bits'], message: 'alarmBits needs its list of bits' });
    });
    for (const required of ['running', 'mainsAvailable'] as const)
      if (!seen.has(required)) ctx.addIssue({ code: 'custom', path: ['registers'], message: `a controller map must give ${required}` });
  });
export type RegisterMap = z.output<typeof RegisterMap>;

const SHIPPED: RegisterMap[] = [RegisterMap.parse(genericController)];

/** The shipped maps plus valid site maps from <dataDir>/power-maps; a broken file is logged and skipped. */
export function loadRegisterMaps(dataDir: string, log: { warn(msg: string): void }): Map<string, RegisterMap> {
  const maps = new Map(SHIPPED.map((m) => [m.id, m]));
  const dir = join(dataDir, 'power-maps');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return maps;
  }
  for (const f of files) {
    try {
      const parsed = RegisterMap.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) {
        log.warn(`[power] register map ${join(dir, f)} ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        continue;
      }
      maps.set(parsed.data.id, parsed.data);
    } catch (err) {
      log.warn(`[power] register map ${join(dir, f)} ignored: ${(err as Error).message}`);
    }
  }
  return maps;
}

function words(type: z.output<typeof RegisterType>): number {
  return type === 'uint32' || type === 'int32' ? 2 : 1;
}

/** The spans of registers to read: contiguous blocks of at most 125 registers (the Modbus limit). */
export function readPlan(map: RegisterMap): { start: number; length: number }[] {
  const addrs = map.registers.flatMap((r) => Array.from({ length: words(r.type) }, (_, k) => r.address + k)).sort((a, b) => a - b);
  const blocks: { start: number; length: number }[] = [];
  for (const a of addrs) {
    const last = blocks[blocks.length - 1];
    // Join gaps up to 8 registers: one request is cheaper than two.
    if (last && a - last.start < 125 && a <= last.start + last.length + 8) last.length = Math.max(last.length, a - last.start + 1);
    else blocks.push({ start: a, length: 1 });
  }
  return blocks;
}

export interface DecodedRegisters {
  readings: Partial<PowerReadings>;
  /** Alarm bits set, with their map entry. */
  alarms: z.output<typeof AlarmBit>[];
}

/** Raw register values (address → word) to readings in fixed units. */
export function decodeRegisters(map: RegisterMap, word: (address: number) => number): DecodedRegisters {
  const r: Partial<PowerReadings> = {};
  const alarms: z.output<typeof AlarmBit>[] = [];
  for (const reg of map.registers) {
    let raw: number;
    const hi = word(reg.address);
    if (words(reg.type) === 2) {
      // Big-endian word order (high word first), the most common among controllers.
      raw = hi * 0x10000 + word(reg.address + 1);
      if (reg.type === 'int32' && raw >= 0x80000000) raw -= 0x100000000;
    } else raw = reg.type === 'int16' && hi >= 0x8000 ? hi - 0x10000 : hi;
    const value = Math.round(raw * reg.scale * 1000) / 1000;
    switch (reg.meaning) {
      case 'running':
        r.generatorRunning = raw !== 0;
        break;
      case 'mainsAvailable':
        r.mainsAvailable = raw !== 0;
        break;
      case 'engineSpeed':
        r.engineRpm = value;
        break;
      case 'outputVoltage':
        r.outputVoltage = value;
        break;
      case 'outputFrequency':
        r.outputFrequency = value;
        break;
      case 'fuelLevel':
        r.fuelPercent = value;
        break;
      case 'coolantTemperature':
        r.coolantTempC = value;
        break;
      case 'oilPressure':
        r.oilPressureKpa = value;
        break;
      case 'starterBatteryVoltage':
        r.starterBatteryVoltage = value;
        break;
      case 'mainsVoltage':
        r.inputVoltage = value;
        break;
      case 'loadPercent':
        r.loadPercent = value;
        break;
      case 'alarmBits':
        for (const b of reg.bits ?? []) if (Math.floor(raw / 2 ** b.bit) % 2 === 1) alarms.push(b);
        break;
    }
  }
  return { readings: r, alarms };
}
