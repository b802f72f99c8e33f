// The console's 当前操作人 by what the page is (issue 14, contract/identity.ts ActorRule): where the
// session decides who acts (an enrolled console; the desktop host's windows after the first set-up)
// and nobody is signed in, no one can be chosen and forms get no acting person; on the bootstrap
// token's page anyone active; signed in, the signed-in person only. And the wall's duty slot says
// who is signed in at which console. Rendered to HTML on a SliceHost over the fake client.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Person } from '@contract/duty';
import type { SignedInConsole } from '@contract/identity';
import { DutyOfficerSlot } from '../../panels/duty-now/DutyOfficerSlot';
import { SliceHostProvider } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { identitySlice } from '../../state/identity/identity-slice';
import { signedInSlice } from '../../state/identity/signed-in-slice';
import { thisMachineSlice } from '../../state/identity/this-machine-slice';
import { appSlice } from '../../state/app/app-slice';
import { SliceHost } from '../../state/slice';
import { fakeClient } from '../../test-kit/fake-client';
import { ActorPicker, useActor } from './ActorPicker';

const people = [
  { id: 'p_leader01', name: '陈志强', role: 'leader', unit: '区应急指挥中心', active: true },
  { id: 'p_officer1', name: '林晓雯', role: 'officer', unit: '区应急指挥中心', active: true },
] as unknown as Person[];

/** A page whose slices hold what is set (server rendering reads a store's initial state: made to serve the current one). */
function page(set: (host: SliceHost) => void): SliceHost {
  const host = new SliceHost(fakeClient().client, () => Date.now());
  host.get(dutySlice).store.setState({ people } as never);
  host.get(appSlice).store.setState({ actorId: 'p_officer1' } as never);
  set(host);
  for (const s of [dutySlice, appSlice, identitySlice, thisMachineSlice, signedInSlice] as const) {
    const store = host.get(s as never as typeof dutySlice).store as unknown as { getState(): unknown; getInitialState(): unknown };
    store.getInitialState = () => store.getState();
  }
  return host;
}

function Probe() {
  return <span data-actor={useActor() ?? 'none'} />;
}
const html = (host: SliceHost): string =>
  renderToString(
    <SliceHostProvider host={host}>
      <ActorPicker />
      <Probe />
    </SliceHostProvider>,
  );

describe('the console’s acting person', () => {
  it('offers no choice where the session decides and nobody is signed in: sign in first, and no acting person', () => {
    const s = html(page((h) => h.get(thisMachineSlice).store.setState({ actorRule: 'session' })));
    expect(s).toContain('data-testid="actor-sign-in-first"');
    expect(s).toContain('请先登录');
    expect(s).not.toContain('林晓雯');
    expect(s).toContain('data-actor="none"');
  });

  it('offers everyone active on the bootstrap token’s page (first set-up), the one chosen acting', () => {
    const s = html(page((h) => h.get(thisMachineSlice).store.setState({ actorRule: 'choose' })));
    expect(s).not.toContain('actor-sign-in-first');
    expect(s).toContain('陈志强');
    expect(s).toContain('data-actor="p_officer1"');
  });

  it('is the signed-in person where the session decides', () => {
    const session = { person: { id: 'p_leader01', name: '陈志强', role: 'leader' }, rights: ['read'], expiresAt: Date.now() + 3600_000 };
    const s = html(
      page((h) => {
        h.get(thisMachineSlice).store.setState({ actorRule: 'session' });
        h.get(identitySlice).store.setState({ session } as never);
        h.get(appSlice).store.setState({ actorId: 'p_leader01' } as never);
      }),
    );
    expect(s).toContain('data-signed-in="true"');
    expect(s).not.toContain('林晓雯');
    expect(s).toContain('data-actor="p_leader01"');
  });
});

describe('the wall’s duty slot', () => {
  it('says who is signed in at which console (a machine by its name, the hub’s own window as 主机)', () => {
    const list: SignedInConsole[] = [
      { person: { id: 'p_leader01', name: '陈志强', role: 'leader' }, machineName: '值班席位 1', kind: 'console', street: null, address: '10.0.0.7', since: 1 },
      { person: { id: 'p_officer1', name: '林晓雯', role: 'officer' }, machineName: null, kind: 'host', street: null, address: null, since: 2 },
    ];
    const s = renderToString(
      <SliceHostProvider host={page((h) => h.get(signedInSlice).store.setState({ list }))}>
        <DutyOfficerSlot />
      </SliceHostProvider>,
    );
    expect(s).toContain('data-count="2"');
    expect(s).toContain('陈志强（值班席位 1）、林晓雯（主机）');
  });
});
