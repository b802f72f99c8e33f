import fs from 'node:fs';
import path from 'node:path';
import { FILE_MODE } from './files';
import { StoreError } from './types';

/** Directories this process has open: a second open in the same process is always a bug. */
const openHere = new Set<string>();

/** Whether a process with this pid exists (EPERM: it does, it is only not ours to signal). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Advisory single-writer lock: a LOCK file holding the owner's pid. A lock left by a process that
 * no longer exists (kill -9, power loss) is taken over. Returns the release function.
 */
export function acquireLock(dir: string): () => void {
  const key = fs.realpathSync(dir);
  if (openHere.has(key)) throw new StoreError(`${dir} is already open in this process; close the other Store first`);
  const file = path.join(dir, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: FILE_MODE });
      openHere.add(key);
      return () => {
        openHere.delete(key);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    } catch {
      /* vanished meanwhile: retry */
    }
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new StoreError(`${file}: the data directory is in use by process ${owner}`);
    }
    fs.rmSync(file, { force: true }); // stale: its owner died (or it is our own pid from a previous life)
  }
  throw new StoreError(`${file}: could not acquire the lock`);
}
