// Entry of the wall (大屏): named presets (a layout with a panel per cell) and the preset each
// display shows. A fresh store gets the default presets when the wall opens.
import type { Capability, CapabilityDeps } from '../capability';
import type { wallMethods } from '../contract/wall';
import { WallService } from './wall-service';

export async function openWall(deps: CapabilityDeps): Promise<Capability<typeof wallMethods>> {
  const svc = new WallService(deps.store, deps.bus, deps.now);
  await svc.ensureDefaults();
  return {
    handlers: {
      'wall.get': () => svc.state(),
      'wall.savePreset': ({ preset }) => svc.savePreset(preset),
      'wall.removePreset': ({ id }) => svc.deletePreset(id),
      'wall.activate': ({ display, presetId }) => svc.activate(display, presetId),
    },
  };
}
