// The console's view kept from the hub's words: the live one, the recent ten, status by participant.
import { describe, expect, it } from 'vitest';
import type { Consultation, EndpointStatus } from '@contract/consult';
import { aConsultation } from '../../test-kit/consultation';
import { controlMsgId, fromList, withConsultation, withStatus } from './consult-merge';

const cs = (id: string, endedAt: number | null = null): Consultation => aConsultation({ id, topic: id, endedAt });

describe('the console’s consultation view', () => {
  it('keeps a running consultation as the live one, first among the recent', () => {
    const next = withConsultation({ current: null, recent: [cs('cs_old0', 5)] }, cs('cs_new0'));
    expect(next.current?.id).toBe('cs_new0');
    expect(next.recent.map((c) => c.id)).toEqual(['cs_new0', 'cs_old0']);
  });

  it('drops the live one when it ends, and leaves another live one alone', () => {
    const s = { current: cs('cs_live'), recent: [cs('cs_live')] };
    expect(withConsultation(s, cs('cs_live', 9)).current).toBeNull();
    expect(withConsultation(s, cs('cs_othr', 9)).current?.id).toBe('cs_live');
    expect(withConsultation(s, cs('cs_live', 9)).recent.map((c) => [c.id, c.endedAt])).toEqual([['cs_live', 9]]);
  });

  it('keeps ten recent consultations', () => {
    let s = { current: null as Consultation | null, recent: [] as Consultation[] };
    for (let i = 0; i < 12; i++) s = withConsultation(s, cs(`cs_n${String(i).padStart(3, '0')}`, i));
    expect(s.recent).toHaveLength(10);
    expect(s.recent[0].id).toBe('cs_n011');
  });

  it('keeps each participant’s newest status, and everything consult.list says', () => {
    const st = (participantId: string, at: number) => ({ participantId, at }) as EndpointStatus;
    expect(withStatus({ liuhua: st('liuhua', 1) }, st('liuhua', 2)).liuhua.at).toBe(2);
    const listed = fromList({ live: cs('cs_live'), presence: null, recent: [], status: [st('liuhua', 3), st('district', 4)] });
    expect(Object.keys(listed.status)).toEqual(['liuhua', 'district']);
    expect(listed.current?.id).toBe('cs_live');
  });

  it('gives every console command a message id of its own, in the contract’s shape', () => {
    const a = controlMsgId(1_700_000_000_000);
    const b = controlMsgId(1_700_000_000_000);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_.:-]{6,80}$/);
  });
});
