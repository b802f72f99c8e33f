// Re-enrolment of old street links (issue 14, migration): a street machine still joining the
// district's consultations with the bootstrap token in its link URLs is refused, in both languages,
// told to enrol; the attempt lands in the audit trail, and the district's console lists the street
// (auth.listStaleLinks) until a machine of that street enrols. A real hub on a demo core: the
// street's socket is opened with the token over loopback, as an old link's was.
import { describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { enrolStreet } from '../../support/enrol-street';
import { connect } from '../../support/rpc-socket';
import { demoHub, ok } from './demo-hub';
import { enrolMachine } from './machines-kit';

const h = demoHub('test-token-stale-links');

const join = (participantId: string) => ({ consultationId: 'con_0000abcd', participantId, session: 'sess-0001', link: 'A' });

describe('an old street link (the bootstrap token in a street’s link URL)', () => {
  it('is refused in both languages, told to enrol; the district lists it until the street enrols', async () => {
    const admin = await connect(h.url);
    const peer = { transport: 'ws' as const, peer: '10.231.1.11:50123', connectionId: 'old-link-1' };
    // What the dispatcher asks before the rights check (identity.staleStreetLink).
    const r = h.core.identity.staleStreetLink('consult.join', join('beijing'), peer);
    expect(r?.code).toBe(RpcCode.Unauthorized);
    expect(r?.data).toMatchObject({ reenrol: true, street: '北京街', text: { zh: expect.stringContaining('注册码'), en: expect.stringContaining('enrol') } });
    expect(r?.message).toContain('北京街');
    // Repeats within the minute are refused alike, recorded once.
    expect(h.core.identity.staleStreetLink('consult.join', join('beijing'), peer)?.code).toBe(RpcCode.Unauthorized);
    expect(h.core.identity.staleStreetLink('media.sfuJoin', { ...join('liurong'), link: undefined }, { ...peer, peer: '10.231.1.12:4000' })?.code).toBe(
      RpcCode.Unauthorized,
    );
    // Not touched: the district joining as itself, an enrolled machine, the app's own windows, other methods.
    expect(h.core.identity.staleStreetLink('consult.join', join('district'), peer)).toBeNull();
    expect(h.core.identity.staleStreetLink('consult.join', join('beijing'), { ...peer, machineId: 'm1', rights: new Set() })).toBeNull();
    expect(h.core.identity.staleStreetLink('consult.join', join('beijing'), { transport: 'ipc', peer: 'window 1' })).toBeNull();
    expect(h.core.identity.staleStreetLink('consult.getLive', join('beijing'), peer)).toBeNull();
    await new Promise((r) => setTimeout(r, 200)); // the recorder appends without holding the refusal

    const listed: { street: string; addresses: string[]; attempts: number }[] = await ok(admin, 'auth.listStaleLinks');
    expect(listed.map((s) => s.street).sort()).toEqual(['六榕街', '北京街']);
    expect(listed.find((s) => s.street === '北京街')).toMatchObject({ addresses: ['10.231.1.11'], attempts: 1 });
    const trail = (await ok(admin, 'audit.list', { method: 'auth.staleLink' })).entries as { street: string; detail: { outcome: string; address: string } }[];
    expect(trail.map((e) => [e.street, e.detail.outcome, e.detail.address]).sort()).toEqual([
      ['六榕街', 'refused', '10.231.1.12'],
      ['北京街', 'refused', '10.231.1.11'],
    ]);

    // 北京街 enrols a machine: it leaves the list; 六榕街 stays.
    await enrolMachine(admin, 'street', '北京街 值班电脑', '北京街');
    expect((await ok(admin, 'auth.listStaleLinks')).map((s: { street: string }) => s.street)).toEqual(['六榕街']);
    admin.close();
  });
});

describe('the dispatcher asks identity.staleStreetLink of every call (issue 14)', () => {
  it('refuses a street joining over the hub with the bootstrap token, in both languages, and admits the same street enrolled', async () => {
    const admin = await connect(h.url);
    const started = await ok(admin, 'consult.start', {
      topic: '防汛视频会商',
      startedBy: '值班员',
      participants: [{ id: 'liuhua', name: '流花街' }],
    });
    const asLiuhua = { consultationId: started.id, participantId: 'liuhua', session: 'sess-liuhua-1', link: 'A' };

    // An old link: 流花街's page with the district's token in its URL, over the hub's socket.
    const old = await connect(h.url);
    const refused = await old.call('consult.join', asLiuhua);
    expect(refused.result).toBeUndefined();
    expect(refused.error?.code).toBe(RpcCode.Unauthorized);
    const data = (refused.error as { data?: { reenrol?: boolean; street?: string; text?: { zh: string; en: string } } }).data;
    expect(data).toMatchObject({ reenrol: true, street: '流花街' });
    expect(data?.text?.zh).toContain('注册码');
    expect(data?.text?.en).toContain('enrol this machine');
    expect(refused.error?.message).toContain('流花街');
    // media.sfuJoin as a street is the same join: refused alike (before the SFU is even asked).
    expect((await old.call('media.sfuJoin', { consultationId: started.id, participantId: 'liuhua' })).error?.code).toBe(RpcCode.Unauthorized);
    // The district's own page on the same token joins as itself.
    expect((await old.call('consult.join', { ...asLiuhua, participantId: 'district', session: 'sess-district-1' })).error).toBeUndefined();
    // Not joined: the consultation's record has no join by 流花街.
    const live = (await ok(admin, 'consult.list', {})).live as { participants: { id: string; joinedAt: number | null }[] };
    expect(live.participants.find((p) => p.id === 'liuhua')?.joinedAt ?? null).toBeNull();
    // The district sees 流花街 among the stale links (the recorder appends without holding the refusal).
    let stale: { street: string }[] = [];
    for (let i = 0; i < 50 && !stale.some((s) => s.street === '流花街'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      stale = await ok(admin, 'auth.listStaleLinks');
    }
    expect(stale.map((s) => s.street)).toContain('流花街');

    // The same street enrolled (a code issued with the token, spent at POST /enrol): admitted.
    const machine = await enrolStreet(h.url, 'liuhua');
    const enrolled = await connect(machine.rpcUrl);
    const joined = await enrolled.call('consult.join', asLiuhua);
    expect(joined.error, JSON.stringify(joined.error)).toBeUndefined();
    expect(joined.result.presence.present.map((p: { id: string }) => p.id).sort()).toEqual(['district', 'liuhua']);
    // … and the district no longer lists it.
    expect((await ok(admin, 'auth.listStaleLinks')).map((s: { street: string }) => s.street)).not.toContain('流花街');

    await ok(admin, 'consult.end', { id: started.id, endedBy: '值班员' });
    for (const s of [admin, old, enrolled]) s.close();
  });
});
