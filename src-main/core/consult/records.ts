// Consultation records: who hosted, who took part (first join, last leave), topic, start and end,
// and the duty-log entry or plan response it belongs to. Durable in the store; at most one mesh
// consultation is live (several in mode "sfu", each its own room on the media engine).
// Every change of a record is pushed as consult.changed.
import { randomBytes } from 'node:crypto';
import { RefusedError } from '../contract/errors';
import { HOST_PARTICIPANT, type Consultation, type MediaMode, type Participant } from '../contract/consult';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';

interface ConsultationRow {
  id: string;
  topic: string;
  host: string;
  started_at: number;
  ended_at: number | null;
  started_by: string;
  ended_by: string | null;
  duty_entry_id: string | null;
  plan_response_id: string | null;
  mode: string;
  low_bandwidth: number;
  rev: number;
}

interface ParticipantRow {
  participant_id: string;
  name: string;
  joined_at: number | null;
  left_at: number | null;
}

export interface StartInput {
  topic: string;
  participants: { id: string; name: string }[];
  startedBy: string;
  dutyEntryId?: string;
  planResponseId?: string;
  mode: MediaMode;
  lowBandwidth: boolean;
}

const HOST_NAME = '越秀区应急指挥中心';

export class ConsultRecords {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  live(): Consultation | null {
    const row = this.store.get<ConsultationRow>('SELECT * FROM consult_consultation WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1');
    return row ? this.assemble(row) : null;
  }

  /** Every live consultation, newest first (several only in mode "sfu"). */
  liveAll(): Consultation[] {
    return this.store
      .all<ConsultationRow>('SELECT * FROM consult_consultation WHERE ended_at IS NULL ORDER BY started_at DESC, rowid DESC')
      .map((r) => this.assemble(r));
  }

  get(id: string): Consultation {
    const row = this.store.get<ConsultationRow>('SELECT * FROM consult_consultation WHERE id = ?', [id]);
    if (!row) throw new RefusedError({ zh: `没有编号为 ${id} 的会商`, en: `no consultation with id ${id}` });
    return this.assemble(row);
  }

  recent(limit: number): Consultation[] {
    return this.store
      .all<ConsultationRow>('SELECT * FROM consult_consultation ORDER BY started_at DESC, rowid DESC LIMIT ?', [limit])
      .map((r) => this.assemble(r));
  }

  async start(input: StartInput): Promise<Consultation> {
    // One mesh consultation at a time; consultations through the SFU (each its own room) run side by side.
    const live = this.liveAll().find((c) => c.mode !== 'sfu' || input.mode !== 'sfu');
    if (live)
      throw new RefusedError({
        zh: `会商“${live.topic}”仍在进行：请先结束它再发起新的会商`,
        en: `consultation “${live.topic}” (${live.id}) is still live; end it before starting another`,
      });
    const seen = new Set<string>([HOST_PARTICIPANT]);
    for (const p of input.participants) {
      if (p.id === HOST_PARTICIPANT)
        throw new RefusedError(
          { zh: '区指挥中心是每次会商的主持方，不要把它列入参会方', en: 'the district centre hosts every consultation: do not list it among the participants' },
          { field: 'participants' },
        );
      if (seen.has(p.id))
        throw new RefusedError({ zh: `参会方 ${p.name || p.id} 列了两次`, en: `participant ${p.id} is listed twice` }, { field: 'participants' });
      seen.add(p.id);
    }
    const id = `cs_${randomBytes(9).toString('base64url')}`;
    const at = this.now();
    await this.store.write((tx) => {
      tx.run(
        `INSERT INTO consult_consultation (id, topic, host, started_at, ended_at, started_by, ended_by, duty_entry_id, plan_response_id, mode, low_bandwidth, rev)
         VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, 1)`,
        [
          id,
          input.topic,
          HOST_PARTICIPANT,
          at,
          input.startedBy,
          input.dutyEntryId ?? null,
          input.planResponseId ?? null,
          input.mode,
          input.lowBandwidth ? 1 : 0,
        ],
      );
      const everyone = [{ id: HOST_PARTICIPANT, name: HOST_NAME }, ...input.participants];
      everyone.forEach((p, i) =>
        tx.run('INSERT INTO consult_participant (consultation_id, participant_id, name, position, joined_at, left_at) VALUES (?, ?, ?, ?, NULL, NULL)', [
          id,
          p.id,
          p.name,
          i,
        ]),
      );
    });
    return this.changed(id);
  }

  /** Ends a live consultation; `ended` runs after the write and before the change is pushed (the relay lets go of its sockets). */
  async end(id: string, endedBy: string, ended: () => void = () => {}): Promise<Consultation> {
    const c = this.get(id);
    if (c.endedAt !== null) throw new RefusedError({ zh: `会商“${c.topic}”已经结束`, en: `consultation ${id} already ended` });
    await this.store.write((tx) => tx.run('UPDATE consult_consultation SET ended_at = ?, ended_by = ?, rev = rev + 1 WHERE id = ?', [this.now(), endedBy, id]));
    ended();
    return this.changed(id);
  }

  /** Checks that the participant may join this consultation now. */
  mustBeInvited(id: string, participantId: string): Consultation {
    const c = this.get(id);
    if (c.endedAt !== null) throw new RefusedError({ zh: `会商“${c.topic}”已经结束`, en: `consultation ${id} has ended` });
    if (!c.participants.some((p) => p.id === participantId)) {
      throw new RefusedError({
        zh: `${participantId} 不是会商“${c.topic}”的参会方（已邀请：${c.participants.map((p) => p.name || p.id).join('、')}）`,
        en: `${participantId} is not a participant of consultation ${id} (invited: ${c.participants.map((p) => p.id).join(', ')})`,
      });
    }
    return c;
  }

  /**
   * Records a join: the first one, and a return after an explicit leave. A socket that merely
   * reconnects writes nothing (that happens on every link flap).
   */
  async joined(c: Consultation, participantId: string): Promise<Consultation> {
    const p = c.participants.find((x) => x.id === participantId)!;
    if (p.joinedAt !== null && p.leftAt === null) return c;
    await this.store.write((tx) => {
      tx.run('UPDATE consult_participant SET joined_at = coalesce(joined_at, ?), left_at = NULL WHERE consultation_id = ? AND participant_id = ?', [
        this.now(),
        c.id,
        participantId,
      ]);
      this.bump(tx, c.id);
    });
    return this.changed(c.id);
  }

  async left(id: string, participantId: string): Promise<Consultation> {
    this.mustBeInvited(id, participantId);
    await this.store.write((tx) => {
      tx.run('UPDATE consult_participant SET left_at = ? WHERE consultation_id = ? AND participant_id = ?', [this.now(), id, participantId]);
      this.bump(tx, id);
    });
    return this.changed(id);
  }

  /** The record as it is now, pushed to every client. */
  private changed(id: string): Consultation {
    const c = this.get(id);
    this.bus.emit('consult.changed', c);
    return c;
  }

  private bump(tx: Tx, id: string): void {
    tx.run('UPDATE consult_consultation SET rev = rev + 1 WHERE id = ?', [id]);
  }

  private assemble(row: ConsultationRow): Consultation {
    const participants: Participant[] = this.store
      .all<ParticipantRow>('SELECT participant_id, name, joined_at, left_at FROM consult_participant WHERE consultation_id = ? ORDER BY position', [row.id])
      .map((p) => ({ id: p.participant_id, name: p.name, joinedAt: p.joined_at, leftAt: p.left_at }));
    return {
      id: row.id,
      topic: row.topic,
      host: row.host,
      participants,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      startedBy: row.started_by,
      endedBy: row.ended_by,
      dutyEntryId: row.duty_entry_id,
      planResponseId: row.plan_response_id,
      mode: row.mode === 'single' || row.mode === 'sfu' ? row.mode : 'dual',
      lowBandwidth: row.low_bandwidth === 1,
      rev: row.rev,
    };
  }
}
