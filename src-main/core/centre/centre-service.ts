// This centre's identity and links, and the operator settings: small records kept in kv.
import { CentreInfo, Settings } from '../contract/schemas';
import type { EventBus } from '../events';
import { readKv, writeKv } from '../kv';
import type { Store } from '../store';

/** A fresh install is the Yuexiu district centre with both links named but not yet configured. */
export const DEFAULT_CENTRE: CentreInfo = {
  name: '越秀区应急指挥中心',
  nameEn: 'Yuexiu District Emergency Command Centre',
  level: 'district',
  links: [
    { id: 'A', name: '政务外网' },
    { id: 'B', name: '专网' },
  ],
};

export const DEFAULT_SETTINGS: Settings = { wallDisplays: [], consoleWindow: true, language: 'zh-CN' };

export class CentreService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  centre(): CentreInfo {
    return readKv(this.store, 'centre', CentreInfo, DEFAULT_CENTRE);
  }

  async updateCentre(centre: CentreInfo): Promise<CentreInfo> {
    await this.store.write((tx) => writeKv(tx, 'centre', centre, this.now()));
    this.bus.emit('centre.changed', centre);
    return centre;
  }

  settings(): Settings {
    return readKv(this.store, 'settings', Settings, DEFAULT_SETTINGS);
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.settings(), ...patch });
    await this.store.write((tx) => writeKv(tx, 'settings', next, this.now()));
    this.bus.emit('settings.changed', next);
    return next;
  }
}
