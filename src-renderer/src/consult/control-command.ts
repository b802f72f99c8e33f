// What the console's commands (and the endpoint's own buttons) do to an endpoint, and the
// low-bandwidth decision they share with power.conserve: one holder, used the same way by the
// mesh endpoint (endpoint.ts) and the SFU endpoint (sfu-endpoint.ts). Each endpoint hands over
// what it owns (its view, its local media, how it leaves) and keeps only a one-line delegation.
import type { ControlCommand } from '@contract/consult';
import type { EndpointCore } from './endpoint-view';
import type { LocalMedia } from './local-media';

export interface CommandTarget {
  /** The endpoint's view (read and patched here: mute, camera, layout, conserve, lowBandwidth). */
  core: Pick<EndpointCore, 'view' | 'set'>;
  media: LocalMedia;
  /** The operator leaves (goodbyes, and the leave is recorded). */
  leave(): Promise<void>;
  /** After every low-bandwidth decision (the mesh re-encodes its links; the SFU endpoint needs nothing). */
  requalified?(): void;
}

export class EndpointCommands {
  /** The console's low-bandwidth override (null: follow the consultation and power.conserve). */
  private lowOverride: boolean | null = null;

  constructor(private readonly t: CommandTarget) {}

  /** A command from the console through the hub, or from a button on the endpoint. */
  async command(c: ControlCommand): Promise<void> {
    const { core, media } = this.t;
    switch (c.cmd) {
      case 'mute':
        media.mute(c.on);
        return core.set({ muted: c.on });
      case 'camera':
        media.cameraOff(c.on);
        return core.set({ cameraOff: c.on });
      case 'layout':
        return core.set({ layout: c.layout, focus: c.focus });
      case 'devices':
        return media.useDevices(c.cameraId, c.micId);
      case 'lowBandwidth':
        this.lowOverride = c.on;
        return this.requalify();
      case 'leave':
        return this.t.leave();
    }
  }

  /** This centre's power.conserve (the power slice's): low-bandwidth mode unless the console overrides it. */
  setConserve(active: boolean): void {
    this.t.core.set({ conserve: active });
    this.requalify();
  }

  /** Low-bandwidth mode: the console's override, else the consultation's setting or power.conserve. */
  requalify(): void {
    const v = this.t.core.view();
    const low = this.lowOverride ?? ((v.consultation?.lowBandwidth ?? false) || v.conserve);
    if (low !== v.lowBandwidth) this.t.core.set({ lowBandwidth: low });
    this.t.requalified?.();
  }
}
