// A generator controller for tests: modbus-serial's ServerTCP on a free loopback port, serving
// holding registers laid out as in src-main/core/power/maps/generic-controller.json.
import { ServerTCP } from 'modbus-serial';
import { freeTcpPort } from './free-port';

/** Register addresses of the generic controller map, written out independently of the app. */
export const GEN = {
  running: 0,
  mainsAvailable: 1,
  engineSpeed: 2,
  outputVoltage: 3, // 0.1 V
  outputFrequency: 4, // 0.01 Hz
  fuelLevel: 5, // 0.1 %
  coolantTemperature: 6, // 0.1 °C, signed
  oilPressure: 7, // kPa
  starterBatteryVoltage: 8, // 0.01 V
  alarmBits: 9,
  mainsVoltage: 10, // 0.1 V
  loadPercent: 11,
} as const;

export const GENERATOR_STANDBY: Partial<Record<keyof typeof GEN, number>> = {
  running: 0,
  mainsAvailable: 1,
  engineSpeed: 0,
  outputVoltage: 0,
  outputFrequency: 0,
  fuelLevel: 850,
  coolantTemperature: 250,
  oilPressure: 0,
  starterBatteryVoltage: 2650,
  alarmBits: 0,
  mainsVoltage: 2300,
  loadPercent: 0,
};

export interface ModbusGenerator {
  host: '127.0.0.1';
  port: number;
  registers: number[];
  set(values: Partial<Record<keyof typeof GEN, number>>): void;
  /** Stop answering (requests hang) without closing: a controller that froze. */
  freeze(frozen: boolean): void;
  stop(): Promise<void>;
}

export async function startModbusGenerator(initial = GENERATOR_STANDBY): Promise<ModbusGenerator> {
  const port = await freeTcpPort();
  const registers = new Array<number>(64).fill(0);
  let frozen = false;
  const set = (values: Partial<Record<keyof typeof GEN, number>>): void => {
    for (const [k, v] of Object.entries(values)) registers[GEN[k as keyof typeof GEN]] = v! & 0xffff;
  };
  set(initial);
  const server = new ServerTCP(
    {
      getHoldingRegister: (addr: number) => registers[addr] ?? 0,
      getMultipleHoldingRegisters: (addr: number, length: number, _unit: number, cb: (err: Error | null, v: number[]) => void) => {
        if (frozen) return; // never answers
        cb(null, registers.slice(addr, addr + length));
      },
    },
    { host: '127.0.0.1', port, unitID: 1 },
  );
  server.on('socketError', () => undefined);
  server.on('serverError', () => undefined);
  await new Promise<void>((resolve) => server.on('initialized', () => resolve()));
  return {
    host: '127.0.0.1',
    port,
    registers,
    set,
    freeze: (f) => {
      frozen = f;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
