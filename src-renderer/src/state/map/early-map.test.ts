// The map asked for as a wall page starts (early-map.ts), taken by the map slice's first load: one
// call instead of two, and never a reply older than a change heard before the slice listened.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '@contract/errors';
import type { MapCounts, MapObject } from '@contract/map';
import { fakeClient, type FakeClient } from '../../test-kit/fake-client';
import { SliceHost } from '../slice';
import { askMapEarly, EARLY_MAP_KEEP_MS, takeEarlyMap } from './early-map';
import { mapSlice } from './map-slice';
import { cameras, counts, object, openCounts, report, response, sources } from './test-fixtures';

type Listed = { objects: MapObject[]; counts: MapCounts };
const listed = (...ids: string[]): Listed => ({ objects: ids.map((id) => object(id)), counts: counts(ids.length) });
const flush = () => new Promise((r) => setTimeout(r, 0));

function server(first: string[], later: string[]): FakeClient {
  let asked = 0;
  return fakeClient({
    'map.listObjects': () => (asked++ === 0 ? listed(...first) : listed(...later)),
    'map.listSources': () => sources(null),
    'cameras.get': () => cameras('cam1'),
    'duty.listReports': () => ({ reports: [report('r001')], openCounts }),
    'plans.listResponses': () => [response('p001')],
  });
}

let release: () => void = () => undefined;
afterEach(() => {
  release();
  vi.useRealTimers();
});

function open(fake: FakeClient) {
  const s = new SliceHost(fake.client, () => 0).get(mapSlice);
  release = s.hold();
  return { s, ids: () => s.store.getState().objects.map((o) => o.id) };
}
const mapCalls = (fake: FakeClient) => fake.calls.filter((c) => c.method === 'map.listObjects');

describe('the map asked early', () => {
  it('is the map slice’s first reply: the map is asked for once', async () => {
    const fake = server(['early'], ['again']);
    askMapEarly(fake.client);
    const { s, ids } = open(fake);
    fake.status('open'); // the slice loads as the link opens
    await flush();
    expect(ids()).toEqual(['obj_early']);
    expect(mapCalls(fake)).toEqual([{ method: 'map.listObjects', params: { packed: true } }]);
    // Taken once: a later load (a reconnect) asks again.
    await s.commands.load();
    expect(ids()).toEqual(['obj_again']);
    expect(mapCalls(fake)).toHaveLength(2);
  });

  it('is not used when the map changed before the slice listened', async () => {
    const fake = server(['before'], ['after']);
    askMapEarly(fake.client);
    fake.emit('map.objectsChanged', { change: 'imported', objects: null, removedIds: [], counts: counts(1) });
    const { ids } = open(fake);
    fake.status('open');
    await flush();
    expect(ids()).toEqual(['obj_after']);
    expect(fake.listenerCount()).toBeGreaterThan(0); // the slice's own, not the early ask's
  });

  it('is asked again when the early ask failed', async () => {
    const fake = server([], ['again']);
    fake.reply('map.listObjects', () => {
      fake.reply('map.listObjects', () => listed('again'));
      throw new RpcError(-32000, 'not yet');
    });
    askMapEarly(fake.client);
    const { s, ids } = open(fake);
    fake.status('open');
    await flush();
    expect(ids()).toEqual(['obj_again']);
    expect(s.store.getState().error).toBeNull();
  });

  it('is dropped, with its listener, when nobody takes it in time', async () => {
    vi.useFakeTimers();
    const fake = server(['early'], ['again']);
    askMapEarly(fake.client);
    expect(fake.listenerCount()).toBe(1);
    vi.advanceTimersByTime(EARLY_MAP_KEEP_MS);
    expect(fake.listenerCount()).toBe(0);
    expect(takeEarlyMap(fake.client)).toBeNull();
    vi.useRealTimers();
    await flush();
  });

  it('belongs to the client it was asked on', () => {
    const fake = server(['early'], ['again']);
    const other = server(['other'], ['other']);
    askMapEarly(fake.client);
    expect(takeEarlyMap(other.client)).toBeNull();
    expect(takeEarlyMap(fake.client)).not.toBeNull();
    expect(fake.listenerCount()).toBe(0);
  });
});
