// The map slice on a fake client: its load, each event, the reload after a reconnect, the guard
// against a slow reply, and a refused command.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { MapCounts, MapObject } from '@contract/map';
import { fakeClient, type FakeClient } from '../../test-kit/fake-client';
import { SliceHost } from '../slice';
import { MAP_LOAD, mapSlice } from './map-slice';
import { cameras, counts, object, openCounts, report, response, sources } from './test-fixtures';

const NOW = 1_700_000_000_000;
type Listed = { objects: MapObject[]; counts: MapCounts };

function deferred<T>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const listed = (...ids: string[]): Listed => ({ objects: ids.map((id) => object(id)), counts: counts(ids.length) });

function server(): FakeClient {
  return fakeClient({
    'map.listObjects': () => listed('aaaa', 'bbbb'),
    'map.listSources': () => sources(null),
    'cameras.get': () => cameras('cam1'),
    'duty.listReports': () => ({ reports: [report('r001')], openCounts }),
    'plans.listResponses': () => [response('p001')],
  });
}

let release: () => void = () => undefined;
afterEach(() => release());

function open(fake: FakeClient) {
  const host = new SliceHost(fake.client, () => NOW);
  const s = host.get(mapSlice);
  release = s.hold();
  const state = () => s.store.getState();
  const ids = {
    objects: () => state().objects.map((o) => o.id),
    reports: () => state().reports.map((r) => r.id),
    responses: () => state().responses.map((r) => r.id),
  };
  return { host, s, state, ids };
}

describe('map slice', () => {
  it('reads everything when the link opens', async () => {
    const fake = server();
    const { s, state, ids } = open(fake);
    expect(state().loaded).toBe(false);
    fake.status('open');
    await s.commands.load();
    expect(state()).toMatchObject({ loaded: true, error: null, counts: counts(2), sources: { activeId: null } });
    expect(ids.objects()).toEqual(['obj_aaaa', 'obj_bbbb']);
    expect(state().cameras.map((c) => c.id)).toEqual(['cam1']);
    expect(ids.reports()).toEqual(['rep_r001']);
    expect(ids.responses()).toEqual(['rsp_p001']);
    expect(fake.calls.find((c) => c.method === 'duty.listReports')?.params).toEqual({ status: ['new', 'verifying', 'handling'], limit: 500 });
    expect(fake.calls.find((c) => c.method === 'plans.listResponses')?.params).toEqual({ status: 'active', limit: 200 });
  });

  it('folds in pushed objects, sources, cameras, reports and responses', async () => {
    const fake = server();
    const { s, state, ids } = open(fake);
    fake.status('open');
    await s.commands.load();

    fake.emit('map.objectsChanged', { change: 'saved', objects: [object('bbbb', 'B'), object('cccc')], removedIds: ['obj_aaaa'], counts: counts(2) });
    expect(state().objects.map((o) => [o.id, o.name])).toEqual([
      ['obj_bbbb', 'B'],
      ['obj_cccc', 'cccc'],
    ]);
    expect(state().counts).toEqual(counts(2));
    fake.emit('map.sourcesChanged', sources('osm'));
    expect(state().sources?.activeId).toBe('osm');
    fake.emit('cameras.changed', cameras('cam1', 'cam2'));
    expect(state().cameras.map((c) => c.id)).toEqual(['cam1', 'cam2']);
    fake.emit('duty.logChanged', { change: 'recorded', report: report('r002'), openCounts });
    expect(ids.reports()).toEqual(['rep_r002', 'rep_r001']);
    fake.emit('duty.logChanged', { change: 'status', report: report('r001', 'closed'), openCounts });
    expect(ids.reports()).toEqual(['rep_r002']);
    fake.emit('plans.responseChanged', { change: 'activated', response: response('p002'), entry: null });
    expect(ids.responses()).toEqual(['rsp_p002', 'rsp_p001']);
    fake.emit('plans.responseChanged', { change: 'closed', response: response('p001', 'closed'), entry: null });
    expect(ids.responses()).toEqual(['rsp_p002']);
  });

  it('reads the map again after a bulk change (no objects or no report carried)', async () => {
    const fake = server();
    const { s, state, ids } = open(fake);
    fake.status('open');
    await s.commands.load();
    fake.reply('map.listObjects', () => listed('xxxx', 'yyyy', 'zzzz'));
    fake.emit('map.objectsChanged', { change: 'imported', objects: null, removedIds: [], counts: counts(3) });
    await flush();
    expect(ids.objects()).toEqual(['obj_xxxx', 'obj_yyyy', 'obj_zzzz']);
    expect(state().counts).toEqual(counts(3));

    fake.reply('duty.listReports', () => ({ reports: [report('r007'), report('r008')], openCounts }));
    fake.emit('duty.logChanged', { change: 'demo', report: null, openCounts });
    await flush();
    expect(ids.reports()).toEqual(['rep_r007', 'rep_r008']);
  });

  it('reloads on every reopen of the link and stops listening when released', async () => {
    const fake = server();
    const { s, ids } = open(fake);
    fake.status('open');
    await s.commands.load();
    fake.status('closed');
    fake.reply('map.listObjects', () => listed('nnnn'));
    fake.status('open');
    await flush();
    expect(ids.objects()).toEqual(['obj_nnnn']);
    expect(fake.calls.filter((c) => c.method === 'map.listObjects')).toHaveLength(3);
    release();
    expect(fake.listenerCount()).toBe(0);
  });

  it('drops a slow reply overtaken by a newer load, and keeps what was heard meanwhile', async () => {
    const fake = server();
    const slow = deferred<Listed>();
    fake.reply('map.listObjects', () => slow.promise);
    const { s, state, ids } = open(fake);
    fake.status('open'); // the first load waits on `slow`
    fake.reply('map.listObjects', () => listed('newer'));
    fake.status('closed');
    fake.status('open'); // a reconnect: the second load answers at once
    await flush();
    expect(ids.objects()).toEqual(['obj_newer']);
    slow.resolve(listed('older'));
    await flush();
    expect(ids.objects()).toEqual(['obj_newer']);

    // An event heard while a load is on its way is replayed onto its reply.
    const late = deferred<Listed>();
    fake.reply('map.listObjects', () => late.promise);
    const loading = s.commands.load();
    fake.emit('map.objectsChanged', { change: 'saved', objects: [object('pushed')], removedIds: [], counts: counts(2) });
    late.resolve(listed('listed'));
    await loading;
    expect(ids.objects()).toEqual(['obj_listed', 'obj_pushed']);
    expect(state().counts).toEqual(counts(2));
  });

  it('shows a failed read under loadAll and clears it when a read succeeds', async () => {
    const fake = server();
    fake.reply('cameras.get', () => {
      throw new RpcError(-32000, 'cameras unavailable');
    });
    const { s, state } = open(fake);
    fake.status('open');
    expect(await s.commands.load()).toBe(false);
    expect(state().error).toMatchObject({ command: MAP_LOAD, message: 'cameras unavailable', at: NOW });
    fake.reply('cameras.get', () => cameras());
    expect(await s.commands.load()).toBe(true);
    expect(state().error).toBeNull();
  });

  it('saves and removes objects, applies tile-source replies, and leaves a refusal in error', async () => {
    const fake = server();
    const { host, s, state, ids } = open(fake);
    fake.status('open');
    await s.commands.load();

    fake.reply('map.saveObject', ({ object: o }) => object('cccc', o.name));
    const saved = await s.commands.saveObject({ kind: 'team', name: '救援队', people: 5, position: { lat: 23.13, lng: 113.27 } });
    expect(saved?.name).toBe('救援队');
    expect(ids.objects()).toEqual(['obj_aaaa', 'obj_bbbb', 'obj_cccc']);

    fake.reply('map.removeObject', ({ id }) => ({ id, counts: counts(2) }));
    await s.commands.removeObject('obj_aaaa');
    expect(ids.objects()).toEqual(['obj_bbbb', 'obj_cccc']);

    fake.reply('map.activateSource', ({ id }) => sources(id));
    await s.commands.activateSource('osm');
    expect(state().sources?.activeId).toBe('osm');

    fake.reply('map.saveObject', () => {
      throw new RpcError(-32602, 'params.object.name: a map object needs a name', { field: 'name' });
    });
    expect(await s.commands.saveObject({ kind: 'team', name: '', people: 5, position: { lat: 23.13, lng: 113.27 } })).toBeNull();
    expect(state().error).toMatchObject({
      command: 'saveObject',
      message: 'params.object.name: a map object needs a name',
      code: -32602,
      data: { field: 'name' },
    });
    expect(host.latestError.getState().latest).toMatchObject({ slice: 'map', error: { command: 'saveObject' } });
    expect(ids.objects()).toEqual(['obj_bbbb', 'obj_cccc']);

    fake.reply('map.saveObject', () => object('bbbb', 'B'));
    await s.commands.saveObject({ kind: 'team', id: 'obj_bbbb', name: 'B', people: 5, position: { lat: 23.13, lng: 113.27 } });
    expect(state().error).toBeNull();
  });

  it('fetches a tile for the Leaflet layer', async () => {
    const fake = server();
    fake.reply('map.getTile', ({ z, x, y }) => (z === 0 ? null : { mediaType: 'image/png', base64: `${z}/${x}/${y}` }));
    const { s } = open(fake);
    expect(await s.commands.getTile({ sourceId: 'local', z: 3, x: 1, y: 2 })).toEqual({ mediaType: 'image/png', base64: '3/1/2' });
    expect(await s.commands.getTile({ sourceId: 'local', z: 0, x: 0, y: 0 })).toBeNull();
  });
});
