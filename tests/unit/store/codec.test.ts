import { describe, expect, it } from 'vitest';
import { StmtMode, decodePayload, encodeRecord, scanSegment, type JournalRecord } from '../../../src-main/core/store/codec';

const rec = (seq: number, durableSeq = seq - 1): JournalRecord => ({
  seq,
  durableSeq,
  statements: [
    {
      mode: StmtMode.Prepared,
      sql: 'INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)',
      params: [null, -0, Number.NaN, 2 ** 53 - 1, 'é ✓ 😀', new Uint8Array([0, 255, 7]), new Uint8Array(0)],
    },
    { mode: StmtMode.Exec, sql: 'CREATE TABLE x (a); CREATE INDEX xa ON x(a);', params: [] },
  ],
});

describe('journal codec', () => {
  it('round-trips every parameter type exactly', () => {
    const frame = encodeRecord(rec(7));
    expect(frame.readUInt32LE(0)).toBe(frame.length - 8);
    const back = decodePayload(frame.subarray(8));
    expect(back).toEqual(rec(7));
    expect(Object.is(back.statements[0].params[1], -0)).toBe(true);
    expect(back.statements[0].params[5]).toBeInstanceOf(Uint8Array);
  });

  it('scans consecutive frames and reports the first bad one', () => {
    const good = Buffer.concat([encodeRecord(rec(5)), encodeRecord(rec(6)), encodeRecord(rec(7))]);
    const clean = scanSegment(good, 5);
    expect(clean.fault).toBeUndefined();
    expect(clean.validBytes).toBe(good.length);
    expect(clean.records.map((r) => r.seq)).toEqual([5, 6, 7]);
    // Wrong first sequence number, zero fill and a flipped bit are all faults at the right offset.
    expect(scanSegment(good, 4).fault).toMatchObject({ offset: 0, reason: 'sequence 5 where 4 was expected' });
    const zeros = Buffer.concat([good, Buffer.alloc(100)]);
    expect(scanSegment(zeros, 5).fault).toMatchObject({ offset: good.length, reason: 'bad record length 0' });
    const flipped = Buffer.from(good);
    const second = encodeRecord(rec(5)).length;
    flipped[second + 30] ^= 1;
    const scan = scanSegment(flipped, 5);
    expect(scan.fault).toMatchObject({ offset: second, expectedSeq: 6, reason: 'crc32 mismatch' });
    // Record 7 was written when 6 was already durable: the loss of 6 is not a torn tail.
    expect(scan.fault?.laterDurable).toMatchObject({ seq: 7, durableSeq: 6 });
  });

  it('does not treat records from the same unsynced batch as proof of durability', () => {
    // 6 and 7 were group-committed together (both say only 5 was durable): losing 6 is a torn tail.
    const frames = [encodeRecord(rec(5, 4)), encodeRecord(rec(6, 5)), encodeRecord(rec(7, 5))];
    const buf = Buffer.concat(frames);
    buf[frames[0].length + 12] ^= 0xff;
    expect(scanSegment(buf, 5).fault?.laterDurable).toBeUndefined();
  });
});
