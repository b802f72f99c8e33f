// The configured sources (table power_source) and the thresholds (kv "power.thresholds").
// Empty by default: a fresh install monitors nothing until sources are configured.
import { RefusedError } from '../contract/errors';
import { PowerSourceConfig, PowerThresholds, type PowerSourceInput, type PowerSourceView } from '../contract/power';
import { readKv, writeKv } from '../kv';
import type { Store } from '../store';

export const DEFAULT_THRESHOLDS: PowerThresholds = { runtimeLowMinutes: 10, fuelLowPercent: 20, recoveryHoldSeconds: 5 };
const THRESHOLDS_KEY = 'power.thresholds';
export const MAX_SOURCES = 16;

export function viewOf(s: PowerSourceConfig): PowerSourceView {
  if (s.kind !== 'nut') return s;
  const { password, ...rest } = s;
  return { ...rest, passwordSet: password !== undefined && password !== '' };
}

export class PowerConfigStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  sources(): PowerSourceConfig[] {
    return this.store
      .all<{ spec: string }>('SELECT spec FROM power_source ORDER BY position, id')
      .map((r) => PowerSourceConfig.safeParse(JSON.parse(r.spec)))
      .filter((p) => p.success)
      .map((p) => p.data!);
  }

  source(id: string): PowerSourceConfig | undefined {
    return this.sources().find((s) => s.id === id);
  }

  thresholds(): PowerThresholds {
    return readKv(this.store, THRESHOLDS_KEY, PowerThresholds, DEFAULT_THRESHOLDS);
  }

  /** Adds or replaces a source; a NUT password left out keeps the stored one, "" clears it. */
  async save(input: PowerSourceInput, knownModels: string[]): Promise<PowerSourceConfig> {
    const parsed = PowerSourceConfig.parse(input);
    const existing = this.source(parsed.id);
    const all = this.sources();
    const clash = all.find((s) => s.name === parsed.name && s.id !== parsed.id);
    if (clash) throw new RefusedError(`a power source named “${parsed.name}” already exists (id ${clash.id})`);
    if (!existing && all.length >= MAX_SOURCES) throw new RefusedError(`at most ${MAX_SOURCES} power sources; delete one first`);
    if (parsed.kind === 'modbus' && !knownModels.includes(parsed.model))
      throw new RefusedError(`no register map for controller model “${parsed.model}” (known: ${knownModels.join(', ')})`);
    if (parsed.kind === 'nut' && parsed.password !== undefined && parsed.password !== '' && !parsed.username)
      throw new RefusedError('a NUT password needs a username');
    let config: PowerSourceConfig = parsed;
    if (parsed.kind === 'nut' && parsed.password === undefined && existing?.kind === 'nut' && existing.password) config = { ...parsed, password: existing.password };
    if (config.kind === 'nut' && config.password === '') config = { ...config, password: undefined };
    const position = existing ? undefined : all.length;
    await this.store.write((tx) => {
      if (position === undefined) tx.run('UPDATE power_source SET spec = ?, updated_at = ? WHERE id = ?', [JSON.stringify(config), this.now(), config.id]);
      else tx.run('INSERT INTO power_source (id, position, spec, updated_at) VALUES (?, ?, ?, ?)', [config.id, position, JSON.stringify(config), this.now()]);
    });
    return config;
  }

  async remove(id: string): Promise<void> {
    if (!this.source(id)) throw new RefusedError(`no power source with id ${id}`);
    await this.store.write((tx) => tx.run('DELETE FROM power_source WHERE id = ?', [id]));
  }

  async saveThresholds(patch: Partial<PowerThresholds>): Promise<PowerThresholds> {
    const next = { ...this.thresholds(), ...patch };
    await this.store.write((tx) => writeKv(tx, THRESHOLDS_KEY, next, this.now()));
    return next;
  }
}
