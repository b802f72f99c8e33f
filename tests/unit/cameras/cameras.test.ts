// Camera sources and tours through the contract.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

const cam = (id: string, url = `/media/${id}/index.m3u8`) => ({ id, name: `摄像头 ${id}`, kind: 'hls' as const, url });

describe('camera sources and tours', () => {
  it('keeps sources in order, runs a tour, and refuses to drop a camera a tour shows', async () => {
    t = await openCoreHarness();
    await t.call('cameras.saveSource', { source: cam('cam1') });
    await t.call('cameras.saveSource', {
      source: { ...cam('cam2', 'http://10.1.2.3/whep/cam2'), kind: 'whep', street: '北京街', position: { lat: 23.126, lng: 113.27 } },
    });
    await t.call('cameras.saveSource', { source: { ...cam('cam1'), name: '越秀公园' } });
    let s = await t.call('cameras.get', {});
    expect(s.sources.map((c) => [c.id, c.name])).toEqual([
      ['cam1', '越秀公园'],
      ['cam2', '摄像头 cam2'],
    ]);
    expect(s.sources[0]).toMatchObject({ enabled: true, street: null, position: null });

    s = await t.call('cameras.saveTour', { tour: { id: 'flood', name: '内涝点轮巡', cameraIds: ['cam2', 'cam1'], tiles: 1, dwellSeconds: 10 } });
    expect(s.tours[0].cameraIds).toEqual(['cam2', 'cam1']);
    s = await t.call('cameras.runTour', { id: 'flood' });
    expect(s.activeTourId).toBe('flood');
    expect(t.events.at(-1)).toMatchObject({ event: 'cameras.changed', payload: { activeTourId: 'flood' } });

    expect((await refusal(t.call('cameras.removeSource', { id: 'cam1' }))).message).toMatch(/in tour “内涝点轮巡”/);
    await t.call('cameras.removeTour', { id: 'flood' });
    s = await t.call('cameras.removeSource', { id: 'cam1' });
    expect(s).toMatchObject({ activeTourId: null, tours: [] });
    expect(s.sources.map((c) => c.id)).toEqual(['cam2']);
  });

  it('refuses bad URLs, unknown cameras in tours, and a camera listed twice', async () => {
    t = await openCoreHarness();
    const js = await refusal(t.call('cameras.saveSource', { source: cam('x', 'javascript:alert(1)') }));
    expect(js.code).toBe(RpcCode.InvalidParams);
    expect(js.message).toMatch(/params\.source\.url/);
    await t.call('cameras.saveSource', { source: cam('cam1') });
    expect((await refusal(t.call('cameras.saveTour', { tour: { id: 'a', name: 'A', cameraIds: ['cam1', 'ghost'], dwellSeconds: 10 } }))).message).toMatch(
      /do not exist: ghost/,
    );
    expect((await refusal(t.call('cameras.saveTour', { tour: { id: 'a', name: 'A', cameraIds: ['cam1', 'cam1'], dwellSeconds: 10 } }))).message).toMatch(
      /cameraIds\.1: camera cam1 is listed twice/,
    );
    expect((await refusal(t.call('cameras.saveTour', { tour: { id: 'a', name: 'A', cameraIds: ['cam1'], dwellSeconds: 2 } }))).message).toMatch(/dwellSeconds/);
    expect((await refusal(t.call('cameras.runTour', { id: 'nope' }))).message).toMatch(/no tour with id nope/);
  });
});
