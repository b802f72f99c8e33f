// The one holder both endpoints (mesh and SFU) apply the console's commands through: what each
// command does to the view, and the low-bandwidth decision (override, else consultation or conserve).
import type { Consultation } from '@contract/consult';
import { describe, expect, it } from 'vitest';
import { EndpointCommands } from './control-command';
import type { Capture } from './endpoint-config';
import { initialView, type EndpointCore, type EndpointView } from './endpoint-view';
import { LocalMedia } from './local-media';

const capture: Capture = { width: 160, height: 120, frameRate: 15, audio: false };

function consultation(lowBandwidth: boolean): Consultation {
  return {
    id: 'c1',
    topic: '台风会商',
    host: 'district',
    participants: [],
    startedAt: 0,
    endedAt: null,
    startedBy: '值班员',
    endedBy: null,
    dutyEntryId: null,
    planResponseId: null,
    mode: 'sfu',
    lowBandwidth,
    rev: 1,
  };
}

/** An endpoint as far as its commands reach: a view, local media (not started: no camera here) and a leave. */
function endpoint() {
  let view: EndpointView = initialView();
  const patches: Partial<EndpointView>[] = [];
  const events: string[] = [];
  const core: EndpointCore = {
    me: 'district',
    now: () => 0,
    view: () => view,
    set: (p) => {
      patches.push(p);
      view = { ...view, ...p };
    },
    log: () => undefined,
  };
  const commands = new EndpointCommands({
    core,
    media: new LocalMedia(core, capture, () => []),
    leave: () => (events.push('leave'), Promise.resolve()),
    requalified: () => events.push(`requalified low=${view.lowBandwidth}`),
  });
  return { commands, view: () => view, set: core.set, patches, events };
}

describe('EndpointCommands (the console commands of both endpoints)', () => {
  it('mute, camera, layout and devices land in the view; leave goes through the endpoint', async () => {
    const e = endpoint();
    await e.commands.command({ cmd: 'mute', on: true });
    await e.commands.command({ cmd: 'camera', on: true });
    await e.commands.command({ cmd: 'layout', layout: 'focus', focus: 'beijing' });
    await e.commands.command({ cmd: 'devices', cameraId: 'cam-2', micId: 'mic-1' });
    expect(e.view()).toMatchObject({ muted: true, cameraOff: true, layout: 'focus', focus: 'beijing', cameraId: 'cam-2', micId: 'mic-1' });
    expect(e.events).toEqual([]);
    await e.commands.command({ cmd: 'leave' });
    expect(e.events).toEqual(['leave']);
  });

  it('low bandwidth follows the consultation or power.conserve until the console overrides it, either way', async () => {
    const e = endpoint();
    e.commands.setConserve(true);
    expect(e.view()).toMatchObject({ conserve: true, lowBandwidth: true });
    e.commands.setConserve(false);
    expect(e.view().lowBandwidth).toBe(false);
    e.set({ consultation: consultation(true) });
    e.commands.requalify();
    expect(e.view().lowBandwidth).toBe(true);
    // The console's override wins over the consultation's setting and over conserve …
    await e.commands.command({ cmd: 'lowBandwidth', on: false });
    e.commands.setConserve(true);
    expect(e.view().lowBandwidth).toBe(false);
    await e.commands.command({ cmd: 'lowBandwidth', on: true });
    e.set({ consultation: consultation(false) });
    e.commands.setConserve(false);
    expect(e.view().lowBandwidth).toBe(true);
    // … and every decision is handed on (the mesh re-encodes its links), a patch only on a change.
    expect(e.events.every((x) => x.startsWith('requalified'))).toBe(true);
    expect(e.events).toHaveLength(7);
    expect(e.patches.filter((p) => 'lowBandwidth' in p).map((p) => p.lowBandwidth)).toEqual([true, false, true, false, true]);
  });
});
