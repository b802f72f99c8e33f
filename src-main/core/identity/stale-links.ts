// Old street links (issue 14, migration): before enrolment every street centre's machine reached
// the district hub with the district's bootstrap token in its link URLs. A street joining a
// consultation that way now is refused, in both languages, with what to do (enrol this machine
// with its street's code), and the attempt is recorded in the audit trail (method
// STALE_LINK_METHOD, outcome refused, the street and the address) at most once a minute per street
// and address, so a machine retrying every few seconds does not flood the trail. The district's
// console lists the streets still trying (listStaleLinks, from the trail) until each has enrolled a
// machine since its last attempt, so the district knows whom to issue codes to.
//
// A street is recognised by what it joins as: consult.join or media.sfuJoin naming a street
// participant (contract/consult.ts STREET_PARTICIPANTS), from a caller that came in with the
// bootstrap token over the network (no rights on its context, no machine, not the app's own
// windows). The district's own pages join as "district" and are not touched.
import type { CallContext } from '../contract/define';
import type { RpcError } from '../contract/errors';
import { STREET_PARTICIPANTS } from '../contract/consult';
import type { StaleLink } from '../contract/identity';
import type { StreetName } from '../contract/yuexiu';
import type { Store } from '../store';
import { addressOf, type RefusalRecorder } from './machines';
import { unauthorized } from './refusals';

/** The audit trail's method name for a refused old street link. */
export const STALE_LINK_METHOD = 'auth.staleLink';
const RECORD_EVERY_MS = 60_000;
const JOINS = new Set(['consult.join', 'media.sfuJoin']);
const STREET_BY_PARTICIPANT = new Map(STREET_PARTICIPANTS.map((p) => [p.id, p.name]));

export function staleLinkRefusal(street: string): RpcError {
  return unauthorized(
    {
      zh: `${street}的链接仍在使用区指挥中心的启动令牌，街道终端已不能再用它连接：请向区指挥中心（系统管理 → 终端管理）领取${street}的注册码，在本机“终端注册”后以本机凭据连接`,
      en: `${street}’s link still uses the district’s bootstrap token, which a street machine may no longer use: get ${street}’s enrolment code from the district (Administration → Machines), enrol this machine with it, and it connects with its own credential`,
    },
    { reenrol: true, street },
  );
}

export class StaleLinks {
  /** street|address → when last recorded. */
  private readonly recorded = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly recordRefusal: RefusalRecorder,
    /** When a live machine of the street enrolled last (null: none). */
    private readonly streetEnrolledAt: (street: string) => number | null,
  ) {}

  /** The refusal of a street joining with the bootstrap token (recorded), or null for any other call. */
  check(method: string, params: unknown, ctx: CallContext): RpcError | null {
    if (!JOINS.has(method) || ctx.rights !== undefined || ctx.machineId !== undefined) return null;
    if (ctx.transport !== 'ws' && ctx.transport !== 'http') return null;
    const participant = (params as { participantId?: unknown } | null)?.participantId;
    const street = typeof participant === 'string' ? STREET_BY_PARTICIPANT.get(participant) : undefined;
    if (street === undefined) return null;
    const key = `${street}|${addressOf(ctx.peer)}`;
    const at = this.now();
    const last = this.recorded.get(key);
    if (last === undefined || at - last >= RECORD_EVERY_MS) {
      this.recorded.set(key, at);
      void this.recordRefusal(STALE_LINK_METHOD, { ...ctx, street }, { reason: 'street link with the bootstrap token: enrol the machine', name: street });
    }
    return staleLinkRefusal(street);
  }

  /** The streets whose old links were refused and that have not enrolled a machine since, the latest first. */
  list(): StaleLink[] {
    const rows = this.store.all<{ street: string; detail: string | null; at: number }>(
      'SELECT street, detail, at FROM audit WHERE method = ? AND street IS NOT NULL',
      [STALE_LINK_METHOD],
    );
    const byStreet = new Map<string, StaleLink>();
    for (const r of rows) {
      const address = r.detail ? ((JSON.parse(r.detail) as { address?: string }).address ?? null) : null;
      const s = byStreet.get(r.street) ?? { street: r.street as StreetName, addresses: [], attempts: 0, firstAt: r.at, lastAt: r.at };
      if (address && !s.addresses.includes(address)) s.addresses.push(address);
      s.attempts++;
      s.firstAt = Math.min(s.firstAt, r.at);
      s.lastAt = Math.max(s.lastAt, r.at);
      byStreet.set(r.street, s);
    }
    return [...byStreet.values()]
      .filter((s) => {
        const enrolled = this.streetEnrolledAt(s.street);
        return enrolled === null || enrolled < s.lastAt;
      })
      .sort((a, b) => b.lastAt - a.lastAt);
  }
}
