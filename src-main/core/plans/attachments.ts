// Plan attachments, stored once per content under dataDir/attachments/<sha256>. A file is made
// durable (temporary file, fsync, rename, fsync of the folder) before the library row that names
// it is written, so an acknowledged attachment is never a row pointing at nothing.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RefusedError } from '../contract/errors';

export function attachmentsDir(dataDir: string): string {
  return join(dataDir, 'attachments');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function intact(path: string, sha256: string): Promise<boolean> {
  try {
    return sha256Hex(await readFile(path)) === sha256;
  } catch {
    return false;
  }
}

/** Writes the bytes durably under their hash (once: an intact copy is kept as it is). */
export async function storeAttachment(dataDir: string, bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Hex(bytes);
  const dir = attachmentsDir(dataDir);
  const path = join(dir, sha256);
  if (await intact(path, sha256)) return { sha256, size: bytes.byteLength };
  // A folder made just now is itself an entry of the data directory that must reach the disk.
  // Owner only (0700, files 0600) like everything in the data directory (store/files.ts).
  if ((await mkdir(dir, { recursive: true, mode: 0o700 })) !== undefined) await fsyncDir(dataDir);
  const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  // The rename itself is durable only once the folder's entry is on disk.
  await fsyncDir(dir);
  return { sha256, size: bytes.byteLength };
}

/** The stored bytes, refused if missing or no longer matching their hash. */
export async function readAttachment(dataDir: string, sha256: string): Promise<Buffer> {
  const path = join(attachmentsDir(dataDir), sha256);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new RefusedError(
      { zh: `附件文件（${sha256.slice(0, 12)}…）不在 ${attachmentsDir(dataDir)} 中`, en: `attachment ${sha256} is missing from ${attachmentsDir(dataDir)}` },
      { field: 'sha256' },
    );
  }
  if (sha256Hex(bytes) !== sha256)
    throw new RefusedError(
      {
        zh: `${attachmentsDir(dataDir)} 中的附件文件（${sha256.slice(0, 12)}…）已损坏：内容与其哈希不符`,
        en: `attachment ${sha256} in ${attachmentsDir(dataDir)} is damaged: its content no longer matches its hash`,
      },
      { field: 'sha256' },
    );
  return bytes;
}
