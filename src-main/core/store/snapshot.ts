import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { readU64 } from './codec';

/*
 * Snapshot file = 64-byte header + SQLite database image. Header (little endian):
 *   0  8  magic "SQLJSNAP"
 *   8  4  format version (1)
 *  12  4  header size (64)
 *  16  8  seq: the image holds every transaction with sequence number <= seq
 *  24  8  image length in bytes
 *  32  4  crc32 of the image
 *  36 24  reserved (zero)
 *  60  4  crc32 of header bytes 0..59
 * The fold worker writes this header (fold-worker-source.ts, snapshotHeader); keep them in step.
 */
export const SNAPSHOT_MAGIC = 'SQLJSNAP';
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_HEADER = 64;

export interface SnapshotImage {
  seq: number;
  /** Whole file contents; the image starts at SNAPSHOT_HEADER. */
  file: Buffer;
  image: Uint8Array;
}

/** Reads and verifies a snapshot; throws an Error whose message says what is wrong (not which file). */
export function readSnapshot(file: string, expectedSeq: number): SnapshotImage {
  const buf = fs.readFileSync(file);
  if (buf.length < SNAPSHOT_HEADER) throw new Error(`file is ${buf.length} bytes, shorter than the ${SNAPSHOT_HEADER}-byte header`);
  if (buf.toString('latin1', 0, 8) !== SNAPSHOT_MAGIC) throw new Error('bad magic (not a snapshot file)');
  if (crc32(buf.subarray(0, 60)) !== buf.readUInt32LE(60)) throw new Error('header checksum mismatch');
  const version = buf.readUInt32LE(8);
  if (version !== SNAPSHOT_VERSION) throw new Error(`unsupported snapshot format version ${version}`);
  if (buf.readUInt32LE(12) !== SNAPSHOT_HEADER) throw new Error(`unexpected header size ${buf.readUInt32LE(12)}`);
  const seq = readU64(buf, 16);
  if (seq !== expectedSeq) throw new Error(`header says seq ${seq} but the file name says ${expectedSeq}`);
  const len = readU64(buf, 24);
  if (len !== buf.length - SNAPSHOT_HEADER) throw new Error(`header says ${len} image bytes but the file holds ${buf.length - SNAPSHOT_HEADER}`);
  const image = buf.subarray(SNAPSHOT_HEADER);
  if (crc32(image) !== buf.readUInt32LE(32)) throw new Error('image checksum mismatch (bytes changed after the snapshot was written)');
  return { seq, file: buf, image };
}
