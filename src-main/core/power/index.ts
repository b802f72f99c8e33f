// Entry of this capability: opens the power service and returns the handlers of its methods.
// The Electron shell feeds powerMonitor's on-battery / on-ac into the same state machine by calling
// the method `power.reportHostPower` in process: core.dispatch('power.reportHostPower',
// { onBattery }, { transport: 'local', peer: 'powerMonitor' }). IPC and hub callers are refused.
import type { Capability, CapabilityDeps } from '../capability';
import type { powerMethods } from '../contract/power';
import { PowerService } from './power-service';

export async function openPower(deps: CapabilityDeps): Promise<Capability<typeof powerMethods>> {
  const svc = await PowerService.open(deps);
  return {
    handlers: {
      'power.getOverview': () => svc.overview(),
      'power.listTransitions': ({ limit, before }) => svc.transitions(limit, before),
      'power.listAlarms': ({ scope, limit, before }) => svc.alarms(scope, limit, before),
      'power.acknowledgeAlarm': ({ id, by }, ctx) => svc.acknowledge(id, by, ctx),
      'power.muteAlarm': ({ id, muted, by }) => svc.mute(id, muted, by),
      'power.getConfig': () => svc.configView(),
      'power.saveSource': ({ source }) => svc.saveSource(source),
      'power.removeSource': ({ id }) => svc.deleteSource(id),
      'power.saveThresholds': ({ patch }) => svc.saveThresholds(patch),
      'power.reportHostPower': ({ onBattery }, ctx) => svc.reportHostPower(onBattery, ctx),
    },
    close: () => svc.close(),
  };
}
