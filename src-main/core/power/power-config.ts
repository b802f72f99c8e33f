// The configured sources (table power_source) and the thresholds (kv "power.thresholds").
// Empty by default: a fresh install monitors nothing until sources are configured.
import { RefusedError } from '../contract/errors';
import { PowerSourceConfig, PowerThresholds, type PowerSourceInput, type PowerSourceView, type PowerText } from '../contract/power';
import { readKv, writeKv } from '../kv';
import type { Store } from '../store';

export const DEFAULT_THRESHOLDS: PowerThresholds = { runtimeLowMinutes: 10, fuelLowPercent: 20, recoveryHoldSeconds: 5 };
const THRESHOLDS_KEY = 'power.thresholds';
export const MAX_SOURCES = 16;

/** What clients see of a source: whether a secret is stored, never the secret. */
export function viewOf(s: PowerSourceConfig): PowerSourceView {
  switch (s.kind) {
    case 'nut': {
      const { password, ...rest } = s;
      return { ...rest, passwordSet: password !== undefined && password !== '' };
    }
    case 'snmp': {
      const { community, ...rest } = s;
      return { ...rest, communitySet: community !== undefined && community !== '' };
    }
    case 'modbus':
      return s;
  }
}

/**
 * Everything that decides who receives a source's secret: upsd's address, the account, and the
 * TLS settings that decide whether it is sent in clear and to whom (mode, trusted CA, the insecure
 * switch); an SNMP agent's address and version. A stored secret is reused only while this stays
 * the same, so re-pointing a source never sends it to another server.
 */
function secretDestination(s: PowerSourceConfig): string {
  switch (s.kind) {
    case 'nut':
      return JSON.stringify([s.kind, s.host, s.port, s.username ?? null, s.tls, s.tlsCa ?? null, s.tlsInsecure]);
    case 'snmp':
      return JSON.stringify([s.kind, s.host, s.port, s.version]);
    case 'modbus':
      return JSON.stringify([s.kind]);
  }
}

export type DroppedSecret = 'password' | 'community';

/** Tells the operator a stored secret was dropped, and what to do. */
export const DROPPED_NOTICE: Record<DroppedSecret, PowerText> = {
  password: {
    zh: '主机、端口、用户名或 TLS 设置已更改，已清除保存的 NUT 密码（不会发送到新的服务器）：如需登录，请重新输入密码。',
    en: 'The stored NUT password was cleared because the host, port, user name or TLS settings changed (it is never sent to a new server): enter the password again if this source logs in.',
  },
  community: {
    zh: '主机、端口或 SNMP 版本已更改，已清除保存的 SNMP 团体名（不会发送到新的设备）：在重新输入之前使用默认团体名 public。',
    en: 'The stored SNMP community was cleared because the host, port or SNMP version changed (it is never sent to a new agent): the default community "public" is used until you enter it again.',
  },
};

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

  /**
   * Adds or replaces a source. A secret (NUT password, SNMP community) left out keeps the stored
   * one while the source still points where it did (secretDestination), else it is dropped and
   * named in `dropped`; "" clears it.
   */
  async save(input: PowerSourceInput, knownModels: string[]): Promise<{ config: PowerSourceConfig; dropped: DroppedSecret | null }> {
    const parsed = PowerSourceConfig.parse(input);
    const existing = this.source(parsed.id);
    const all = this.sources();
    const clash = all.find((s) => s.name === parsed.name && s.id !== parsed.id);
    if (clash)
      throw new RefusedError(
        { zh: `已有名为“${parsed.name}”的电源：请换一个名称`, en: `a power source named “${parsed.name}” already exists (id ${clash.id})` },
        { field: 'name' },
      );
    if (!existing && all.length >= MAX_SOURCES)
      throw new RefusedError({ zh: `电源最多 ${MAX_SOURCES} 个：请先删除一个`, en: `at most ${MAX_SOURCES} power sources; delete one first` });
    if (parsed.kind === 'modbus' && !knownModels.includes(parsed.model))
      throw new RefusedError(
        {
          zh: `没有控制器型号“${parsed.model}”的寄存器表（可选：${knownModels.join('、')}）`,
          en: `no register map for controller model “${parsed.model}” (known: ${knownModels.join(', ')})`,
        },
        { field: 'model' },
      );
    if (parsed.kind === 'nut' && parsed.password !== undefined && parsed.password !== '' && !parsed.username)
      throw new RefusedError({ zh: 'NUT 填了密码就要填用户名', en: 'a NUT password needs a username' }, { field: 'username' });
    let config: PowerSourceConfig = parsed;
    let dropped: DroppedSecret | null = null;
    const samePlace = existing !== undefined && secretDestination(existing) === secretDestination(parsed);
    if (config.kind === 'nut' && existing?.kind === 'nut') {
      if (config.password === undefined && existing.password) {
        if (samePlace) config = { ...config, password: existing.password };
        else dropped = 'password';
      }
    } else if (config.kind === 'snmp' && existing?.kind === 'snmp') {
      if (config.community === undefined && existing.community) {
        if (samePlace) config = { ...config, community: existing.community };
        else dropped = 'community';
      }
    }
    if (config.kind === 'nut' && config.password === '') config = { ...config, password: undefined };
    if (config.kind === 'snmp' && config.community === '') config = { ...config, community: undefined };
    const position = existing ? undefined : all.length;
    await this.store.write((tx) => {
      if (position === undefined) tx.run('UPDATE power_source SET spec = ?, updated_at = ? WHERE id = ?', [JSON.stringify(config), this.now(), config.id]);
      else tx.run('INSERT INTO power_source (id, position, spec, updated_at) VALUES (?, ?, ?, ?)', [config.id, position, JSON.stringify(config), this.now()]);
    });
    return { config, dropped };
  }

  async remove(id: string): Promise<void> {
    if (!this.source(id)) throw new RefusedError({ zh: `没有编号为 ${id} 的电源（可能已被删除）`, en: `no power source with id ${id}` });
    await this.store.write((tx) => tx.run('DELETE FROM power_source WHERE id = ?', [id]));
  }

  async saveThresholds(patch: Partial<PowerThresholds>): Promise<PowerThresholds> {
    const next = { ...this.thresholds(), ...patch };
    await this.store.write((tx) => writeKv(tx, THRESHOLDS_KEY, next, this.now()));
    return next;
  }
}
