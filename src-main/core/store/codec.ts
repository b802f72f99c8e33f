import { crc32 } from 'node:zlib';
import type { SqlValue } from './types';

/*
 * Journal record format (all integers little endian).
 *
 * Frame:   u32 payloadLength | u32 crc32(payload) | payload
 * Payload: u64 seq           sequence number of the transaction (1, 2, 3, ...)
 *          u64 durableSeq    highest seq already fdatasync'd when this record was encoded; lets
 *                            recovery tell a torn, never-acknowledged tail from the loss of an
 *                            acknowledged record (see scanSegment)
 *          u32 statementCount
 *          statement*:  u8 mode | u32 sqlBytes | sql (utf8) | u32 paramCount | param*
 *          param:       u8 tag  0 null | 1 f64 number | 2 u32 len + utf8 string | 3 u32 len + bytes
 *
 * u64 fields are stored as two u32 halves; sequence numbers stay below 2^53.
 */

/** How a journaled statement is executed; replay must use the same path as the original run. */
export const StmtMode = {
  /** sqlite3_exec: several statements allowed, no params (tx.run without params, migrations). */
  Exec: 0,
  /** prepare + bind + step to completion: exactly one statement with params. */
  Prepared: 1,
} as const;
export type StmtMode = (typeof StmtMode)[keyof typeof StmtMode];

export interface JournalStatement {
  mode: StmtMode;
  sql: string;
  params: SqlValue[];
}

export interface JournalRecord {
  seq: number;
  durableSeq: number;
  statements: JournalStatement[];
}

export const FRAME_HEADER = 8;
/** seq + durableSeq + statementCount: a shorter payload is never valid (this also rejects zero fill). */
export const MIN_PAYLOAD = 20;
/** Upper bound for one record; a larger length field is treated as corruption, not allocated. */
export const MAX_PAYLOAD = 1 << 30;

const TWO_32 = 0x1_0000_0000;

function paramSize(p: SqlValue): number {
  if (p === null) return 1;
  if (typeof p === 'number') return 9;
  if (typeof p === 'string') return 5 + Buffer.byteLength(p, 'utf8');
  return 5 + p.byteLength;
}

function writeU64(buf: Buffer, value: number, off: number): void {
  buf.writeUInt32LE(value % TWO_32, off);
  buf.writeUInt32LE(Math.floor(value / TWO_32), off + 4);
}

export function readU64(buf: Buffer, off: number): number {
  return buf.readUInt32LE(off) + buf.readUInt32LE(off + 4) * TWO_32;
}

/** Encodes one committed transaction as a complete frame ready to append. */
export function encodeRecord(rec: JournalRecord): Buffer {
  let size = FRAME_HEADER + MIN_PAYLOAD;
  const sqlLens: number[] = [];
  for (const st of rec.statements) {
    const n = Buffer.byteLength(st.sql, 'utf8');
    sqlLens.push(n);
    size += 9 + n;
    for (const p of st.params) size += paramSize(p);
  }
  const buf = Buffer.allocUnsafe(size);
  let off = FRAME_HEADER;
  writeU64(buf, rec.seq, off);
  writeU64(buf, rec.durableSeq, off + 8);
  buf.writeUInt32LE(rec.statements.length, off + 16);
  off += 20;
  rec.statements.forEach((st, i) => {
    buf.writeUInt8(st.mode, off);
    buf.writeUInt32LE(sqlLens[i], off + 1);
    off += 5;
    off += buf.write(st.sql, off, 'utf8');
    buf.writeUInt32LE(st.params.length, off);
    off += 4;
    for (const p of st.params) off = writeParam(buf, p, off);
  });
  buf.writeUInt32LE(size - FRAME_HEADER, 0);
  buf.writeUInt32LE(crc32(buf.subarray(FRAME_HEADER)), 4);
  return buf;
}

function writeParam(buf: Buffer, p: SqlValue, off: number): number {
  if (p === null) {
    buf.writeUInt8(0, off);
    return off + 1;
  }
  if (typeof p === 'number') {
    buf.writeUInt8(1, off);
    buf.writeDoubleLE(p, off + 1);
    return off + 9;
  }
  if (typeof p === 'string') {
    buf.writeUInt8(2, off);
    const n = buf.write(p, off + 5, 'utf8');
    buf.writeUInt32LE(n, off + 1);
    return off + 5 + n;
  }
  buf.writeUInt8(3, off);
  buf.writeUInt32LE(p.byteLength, off + 1);
  buf.set(p, off + 5);
  return off + 5 + p.byteLength;
}

/** Decodes a payload whose crc already matched; throws on any structural inconsistency. */
export function decodePayload(payload: Buffer): JournalRecord {
  let off = 0;
  const need = (n: number): void => {
    if (off + n > payload.length) throw new Error(`payload ends early at byte ${off}`);
  };
  need(MIN_PAYLOAD);
  const seq = readU64(payload, 0);
  const durableSeq = readU64(payload, 8);
  const count = payload.readUInt32LE(16);
  off = 20;
  const statements: JournalStatement[] = [];
  for (let i = 0; i < count; i++) {
    need(5);
    const mode = payload.readUInt8(off);
    if (mode !== StmtMode.Exec && mode !== StmtMode.Prepared) throw new Error(`unknown statement mode ${mode}`);
    const sqlLen = payload.readUInt32LE(off + 1);
    off += 5;
    need(sqlLen + 4);
    const sql = payload.toString('utf8', off, off + sqlLen);
    off += sqlLen;
    const nParams = payload.readUInt32LE(off);
    off += 4;
    const params: SqlValue[] = [];
    for (let j = 0; j < nParams; j++) {
      need(1);
      const tag = payload.readUInt8(off);
      off += 1;
      if (tag === 0) params.push(null);
      else if (tag === 1) {
        need(8);
        params.push(payload.readDoubleLE(off));
        off += 8;
      } else if (tag === 2 || tag === 3) {
        need(4);
        const n = payload.readUInt32LE(off);
        off += 4;
        need(n);
        // Blobs are copied so they do not pin (or clone along) the whole segment buffer.
        params.push(tag === 2 ? payload.toString('utf8', off, off + n) : new Uint8Array(payload.subarray(off, off + n)));
        off += n;
      } else throw new Error(`unknown param tag ${tag}`);
    }
    statements.push({ mode, sql, params });
  }
  if (off !== payload.length) throw new Error(`${payload.length - off} trailing bytes after the last statement`);
  return { seq, durableSeq, statements };
}

export interface SegmentFault {
  /** Byte offset of the first bad frame: everything before it is good. */
  offset: number;
  /** Sequence number the bad frame should have carried. */
  expectedSeq: number;
  reason: string;
  /** A later intact record proving the lost one had been acknowledged (durableSeq >= expectedSeq). */
  laterDurable?: { offset: number; seq: number; durableSeq: number };
}

export interface SegmentScan {
  records: JournalRecord[];
  /** Bytes of intact, contiguous records from the start of the segment. */
  validBytes: number;
  fault?: SegmentFault;
}

/** Parses a whole segment; stops at the first bad frame and describes it. */
export function scanSegment(buf: Buffer, firstSeq: number): SegmentScan {
  const records: JournalRecord[] = [];
  let off = 0;
  let expected = firstSeq;
  while (off < buf.length) {
    const reason = frameProblem(buf, off, expected, records);
    if (reason) {
      const fault: SegmentFault = { offset: off, expectedSeq: expected, reason };
      const later = findDurableClaim(buf, off + 1, expected);
      if (later) fault.laterDurable = later;
      return { records, validBytes: off, fault };
    }
    off += FRAME_HEADER + buf.readUInt32LE(off);
    expected++;
  }
  return { records, validBytes: off };
}

/** Returns why the frame at off is unusable, or pushes its record and returns undefined. */
function frameProblem(buf: Buffer, off: number, expected: number, out: JournalRecord[]): string | undefined {
  const left = buf.length - off;
  if (left < FRAME_HEADER) return `truncated frame header (${left} bytes)`;
  const len = buf.readUInt32LE(off);
  if (len < MIN_PAYLOAD || len > MAX_PAYLOAD) return `bad record length ${len}`;
  if (len > left - FRAME_HEADER) return `record length ${len} runs past the end of the file (${left - FRAME_HEADER} bytes left)`;
  const payload = buf.subarray(off + FRAME_HEADER, off + FRAME_HEADER + len);
  if (crc32(payload) !== buf.readUInt32LE(off + 4)) return 'crc32 mismatch';
  let rec: JournalRecord;
  try {
    rec = decodePayload(payload);
  } catch (e) {
    return `malformed record: ${(e as Error).message}`;
  }
  if (rec.seq !== expected) return `sequence ${rec.seq} where ${expected} was expected`;
  out.push(rec);
  return undefined;
}

/**
 * After a bad frame, looks for an intact later record whose durableSeq says the lost record had
 * already been fdatasync'd (and therefore acknowledged). Records written after the last fdatasync
 * may legitimately survive a crash in any order, but none of them can claim durability past it.
 * Cheap: the crc is only computed for candidates whose header fields are plausible.
 */
function findDurableClaim(buf: Buffer, from: number, lostSeq: number): SegmentFault['laterDurable'] {
  for (let off = from; off + FRAME_HEADER + MIN_PAYLOAD <= buf.length; off++) {
    const len = buf.readUInt32LE(off);
    if (len < MIN_PAYLOAD || len > buf.length - off - FRAME_HEADER) continue;
    const p = off + FRAME_HEADER;
    const seq = readU64(buf, p);
    const durableSeq = readU64(buf, p + 8);
    if (seq <= lostSeq || durableSeq < lostSeq || durableSeq >= seq) continue;
    if (crc32(buf.subarray(p, p + len)) !== buf.readUInt32LE(off + 4)) continue;
    return { offset: off, seq, durableSeq };
  }
  return undefined;
}
