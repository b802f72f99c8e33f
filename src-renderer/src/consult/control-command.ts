// A console's (or the endpoint's own buttons') command, applied the same way by the mesh endpoint
// (endpoint.ts) and the SFU endpoint (sfu-endpoint.ts): each hands over what it owns.
import type { ControlCommand } from '@contract/consult';
import type { EndpointView } from './endpoint-view';
import type { LocalMedia } from './local-media';

export interface CommandTarget {
  media: LocalMedia;
  set(patch: Partial<EndpointView>): void;
  /** The console's low-bandwidth override (null: follow the consultation and power.conserve). */
  lowBandwidth(on: boolean): void;
  leave(): Promise<void>;
}

export async function applyCommand(t: CommandTarget, c: ControlCommand): Promise<void> {
  switch (c.cmd) {
    case 'mute':
      t.media.mute(c.on);
      return t.set({ muted: c.on });
    case 'camera':
      t.media.cameraOff(c.on);
      return t.set({ cameraOff: c.on });
    case 'layout':
      return t.set({ layout: c.layout, focus: c.focus });
    case 'devices':
      return t.media.useDevices(c.cameraId, c.micId);
    case 'lowBandwidth':
      return t.lowBandwidth(c.on);
    case 'leave':
      return t.leave();
  }
}
