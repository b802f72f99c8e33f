// Entry of the wall (大屏): named presets (a layout with a panel per cell), the preset each
// display shows, the room it is read in (its type scale), alarm-to-preset and presets on a
// schedule (the service's clock applies each boundary; a read applies one it has not yet), and the
// wall in replay (复盘上墙: stored, back to live by itself at its return time). A fresh
// store gets the default presets when the wall opens.
import type { Capability, CapabilityDeps } from '../capability';
import type { wallMethods } from '../contract/wall';
import { startAlarmSwitch } from './alarm-switch';
import { WallService } from './wall-service';

export async function openWall(deps: CapabilityDeps): Promise<Capability<typeof wallMethods>> {
  const svc = new WallService(deps.store, deps.bus, deps.now);
  await svc.ensureDefaults();
  const stop = startAlarmSwitch(deps.bus, svc, deps.log);
  svc.startClocks();
  return {
    handlers: {
      'wall.get': () => svc.get(),
      'wall.savePreset': ({ preset }) => svc.savePreset(preset),
      'wall.removePreset': ({ id }) => svc.deletePreset(id),
      'wall.activate': ({ display, presetId }) => svc.activate(display, presetId),
      'wall.saveSettings': ({ patch }) => svc.saveSettings(patch),
      'wall.acknowledgeAlarm': ({ key }) => svc.closeAlarm(key, true),
      'wall.startReplay': ({ at }, ctx) => svc.startReplay(at, ctx.personName ?? null),
      'wall.endReplay': () => svc.endReplay(),
    },
    close: async () => {
      stop();
      svc.close();
    },
  };
}
