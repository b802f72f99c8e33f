// Entry of camera feeds (实时监控): the stored sources and tours; playback is the renderer's.
import type { Capability, CapabilityDeps } from '../capability';
import type { camerasMethods } from '../contract/cameras';
import { CameraService } from './camera-service';

export async function openCameras(deps: CapabilityDeps): Promise<Capability<typeof camerasMethods>> {
  const svc = new CameraService(deps.store, deps.bus, deps.now);
  return {
    handlers: {
      'cameras.get': () => svc.state(),
      'cameras.saveSource': ({ source }) => svc.saveSource(source),
      'cameras.removeSource': ({ id }) => svc.removeSource(id),
      'cameras.saveTour': ({ tour }) => svc.saveTour(tour),
      'cameras.removeTour': ({ id }) => svc.removeTour(id),
      'cameras.runTour': ({ id }) => svc.runTour(id),
    },
  };
}
