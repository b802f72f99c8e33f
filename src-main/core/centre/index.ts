// Entry of this centre (本中心): its name, level and links, and the operator settings (centre.* and
// settings.*). The hosts read the same records through `view` (the Electron shell opens its windows
// from the settings) without reaching into this folder.
import type { Capability, CapabilityDeps } from '../capability';
import type { CentreInfo, centreMethods, Settings } from '../contract/centre';
import { CentreService } from './centre-service';

/** What the hosts may read of this centre, outside the API. */
export interface CentreView {
  centre(): CentreInfo;
  settings(): Settings;
}

export async function openCentre(deps: CapabilityDeps): Promise<Capability<typeof centreMethods> & { view: CentreView }> {
  const svc = new CentreService(deps.store, deps.bus, deps.now);
  return {
    view: { centre: () => svc.centre(), settings: () => svc.settings() },
    handlers: {
      'centre.get': () => svc.centre(),
      'centre.save': ({ centre }) => svc.updateCentre(centre),
      'settings.get': () => svc.settings(),
      'settings.save': ({ patch }) => svc.updateSettings(patch),
    },
  };
}
