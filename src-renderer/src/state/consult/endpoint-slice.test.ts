// The wall's endpoint slice: the endpoint made from this centre's configuration, its view kept
// here, power.conserve from the power slice, and the Web Lock that lets one window join.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CentreInfo } from '@contract/schemas';
import { fakeClient } from '../../test-kit/fake-client';
import { FakeSocket } from '../../test-kit/fake-socket';
import { SliceHost } from '../slice';
import { endpointSlice } from './endpoint-slice';

const street: CentreInfo = {
  name: '流花街应急指挥分中心',
  nameEn: 'Liuhua',
  level: 'street',
  links: [
    { id: 'A', name: '政务外网', hubUrl: '10.231.1.1:4310' },
    { id: 'B', name: '专网', hubUrl: '10.231.2.1:4310' },
  ],
};

beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:4310', search: '?token=t&consultAudio=0' } });
  vi.stubGlobal('navigator', {});
});
afterEach(() => vi.unstubAllGlobals());

function held(centre: CentreInfo) {
  const fake = fakeClient({ 'centre.get': () => centre });
  const host = new SliceHost(fake.client);
  const s = host.get(endpointSlice);
  const release = s.hold();
  fake.status('open');
  return { fake, s, release };
}

describe('endpointSlice', () => {
  it('runs the endpoint from the centre and keeps its view; power.conserve makes it low-bandwidth', async () => {
    const { fake, s, release } = held(street);
    await vi.waitFor(() => expect(s.store.getState().view?.phase).toBe('waiting'));
    expect(s.store.getState().problem).toBeNull();
    expect(FakeSocket.all.map((x) => x.url)).toEqual(['ws://10.231.1.1:4310/rpc', 'ws://10.231.2.1:4310/rpc']);
    FakeSocket.all[1].open();
    expect(s.store.getState().view?.signalling).toEqual({ A: 'connecting', B: 'open' });
    fake.emit('power.conserve', { active: true, state: 'ON_BATTERY', since: 1, reason: { zh: '电池', en: 'battery' } });
    expect(s.store.getState().view).toMatchObject({ conserve: true, lowBandwidth: true });
    // The console's override wins over power.conserve.
    await s.commands.lowBandwidth(false);
    expect(s.store.getState().view?.lowBandwidth).toBe(false);
    release();
    // The endpoint says goodbye first, then closes its sockets.
    await vi.waitFor(() => expect(FakeSocket.all.every((x) => x.closed)).toBe(true));
    expect(s.store.getState()).toMatchObject({ problem: 'loading', view: null });
  });

  it('names a configuration problem instead of an endpoint', async () => {
    const { s, release } = held({ ...street, name: '某某中心' });
    await vi.waitFor(() => expect(s.store.getState().problem).toBe('no-participant'));
    expect(FakeSocket.all).toHaveLength(0);
    release();
  });

  it('waits for the Web Lock while another window has the endpoint', async () => {
    let grant: (() => void) | null = null;
    vi.stubGlobal('navigator', { locks: { request: (_name: string, cb: () => unknown) => new Promise((resolve) => (grant = () => resolve(cb()))) } });
    const { s, release } = held(street);
    await vi.waitFor(() => expect(s.store.getState().problem).toBe('elsewhere'));
    expect(FakeSocket.all).toHaveLength(0);
    grant!();
    await vi.waitFor(() => expect(s.store.getState().view?.phase).toBe('waiting'));
    release();
  });
});
