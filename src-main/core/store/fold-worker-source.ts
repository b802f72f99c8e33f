/*
 * Source of the fold worker, run with `new Worker(FOLD_WORKER_SOURCE, { eval: true })`.
 *
 * It is plain JavaScript in a string on purpose: an eval worker needs no separate file, so it works
 * the same under vitest (which runs the .ts sources) and after Vite bundles the main process (where
 * a `new URL('./worker.js', import.meta.url)` file would have to be emitted and located). Nothing
 * here is transpiled, so it must stay self-contained CommonJS.
 *
 * The worker keeps a replica of the database: it loads the snapshot the main thread opened, then
 * applies every transaction the main thread reports durable, in sequence order. On a fold request
 * (always sent right after the journal was rotated at sequence number `seq`, so the replica is
 * exactly at `seq`) it exports the replica and writes snap-<seq>.db atomically: tmp file written in
 * chunks with periodic fdatasync (bounding dirty page cache so the journal's fdatasync never waits
 * behind a 100 MB flush), fsync, rename, fsync of the directory.
 *
 * Messages in:  {type:'load', file: ArrayBuffer|null, offset, length, seq}
 *               {type:'apply', records: [{seq, statements:[{mode, sql, params}]}]}
 *               {type:'fold', seq}
 *               {type:'delete', files: [absolute paths]}
 *               {type:'recycle', files: [absolute paths of snapshots that left retention]}
 *               {type:'close'}
 * Messages out: {type:'ready'} | {type:'folded', seq, bytes, ms} | {type:'fold-failed', seq, error}
 *               {type:'warn', message} | {type:'fatal', error} | {type:'closed'}
 *
 * Freeing and allocating blocks is what hurts the journal: unlinking a 100 MB snapshot frees all its
 * extents in one filesystem transaction (plus a discard on mounts with -o discard), which stalls the
 * journal's next fdatasync by 50-200 ms. So a snapshot leaving retention is not deleted but renamed
 * to spare.snap, and the next fold overwrites it in place (no allocation, no freeing). Files that
 * must go are deleted here, after any snapshot write, by shrinking them step by step.
 */
export const FOLD_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const cfg = workerData;

let SQL = null;
let db = null;
let lastSeq = 0;
let dead = false;
let writing = Promise.resolve();
const early = [];

// Must match execStatement in sqlite.ts.
function applyStatement(st) {
  if (st.mode === 0) {
    db.run(st.sql);
    return;
  }
  const stmt = db.prepare(st.sql);
  try {
    stmt.bind(st.params);
    while (stmt.step()) {}
  } finally {
    stmt.free();
  }
}

function text(e) {
  return e instanceof Error ? e.message : String(e);
}

function fatal(msg) {
  dead = true;
  parentPort.postMessage({ type: 'fatal', error: msg });
}

// Must match the layout documented in snapshot.ts.
function snapshotHeader(seq, image) {
  const h = Buffer.alloc(64);
  h.write('SQLJSNAP', 0, 'latin1');
  h.writeUInt32LE(1, 8);
  h.writeUInt32LE(64, 12);
  h.writeUInt32LE(seq % 0x100000000, 16);
  h.writeUInt32LE(Math.floor(seq / 0x100000000), 20);
  h.writeUInt32LE(image.length % 0x100000000, 24);
  h.writeUInt32LE(Math.floor(image.length / 0x100000000), 28);
  h.writeUInt32LE(zlib.crc32(image), 32);
  h.writeUInt32LE(zlib.crc32(h.subarray(0, 60)), 60);
  return h;
}

function writeAll(fd, buf, position) {
  let done = 0;
  while (done < buf.length) done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, cfg.pauseMs));
const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

const spare = path.join(cfg.dir, 'spare.snap');

async function writeSnapshot(seq, image) {
  const name = 'snap-' + String(seq).padStart(16, '0') + '.db';
  const final = path.join(cfg.dir, name);
  const tmp = final + '.tmp';
  const total = 64 + image.length;
  let fd;
  if (fs.existsSync(spare)) {
    fs.renameSync(spare, tmp);
    fd = fs.openSync(tmp, 'r+');
  } else fd = fs.openSync(tmp, 'w', 0o600); // FILE_MODE of files.ts: owner only, like every store file
  try {
    writeAll(fd, snapshotHeader(seq, image), 0);
    let off = 0;
    let unsynced = 0;
    while (off < image.length) {
      const n = Math.min(cfg.chunkBytes, image.length - off);
      writeAll(fd, image.subarray(off, off + n), 64 + off);
      off += n;
      unsynced += n;
      if (unsynced >= cfg.syncEveryBytes) {
        fs.fdatasyncSync(fd);
        unsynced = 0;
        await pause();
      } else {
        // Let queued 'apply' messages run between chunks so the replica keeps up.
        await yieldNow();
      }
    }
    if (fs.fstatSync(fd).size > total) fs.ftruncateSync(fd, total); // a larger recycled file
    fs.fsyncSync(fd);
  } catch (e) {
    try { fs.closeSync(fd); } catch {}
    try { fs.unlinkSync(tmp); } catch {}
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, final);
  const dfd = fs.openSync(cfg.dir, 'r');
  try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  return total;
}

async function recycle(files) {
  for (const file of files) {
    if (fs.existsSync(spare)) await deleteFiles([file]);
    else {
      try {
        fs.renameSync(file, spare);
      } catch (e) {
        if (e && e.code !== 'ENOENT') parentPort.postMessage({ type: 'warn', message: 'could not recycle ' + file + ': ' + text(e) });
      }
    }
  }
}

function fold(seq) {
  if (seq !== lastSeq) {
    parentPort.postMessage({ type: 'fold-failed', seq, error: 'replica is at seq ' + lastSeq + ', fold asked for seq ' + seq });
    return;
  }
  const t0 = Date.now();
  let image;
  try {
    // Exported now, while the replica is exactly at seq; writing may overlap later 'apply's.
    image = db.export();
  } catch (e) {
    parentPort.postMessage({ type: 'fold-failed', seq, error: 'export failed: ' + text(e) });
    return;
  }
  writing = writing.then(() => writeSnapshot(seq, image)).then(
    (bytes) => parentPort.postMessage({ type: 'folded', seq, bytes, ms: Date.now() - t0 }),
    (e) => parentPort.postMessage({ type: 'fold-failed', seq, error: 'writing snapshot failed: ' + text(e) }),
  );
}

async function deleteFiles(files) {
  for (const file of files) {
    try {
      let size = fs.statSync(file).size;
      while (size > cfg.deleteStepBytes) {
        size -= cfg.deleteStepBytes;
        fs.truncateSync(file, size);
        await new Promise((resolve) => setTimeout(resolve, cfg.deletePauseMs));
      }
      fs.unlinkSync(file);
    } catch (e) {
      if (e && e.code === 'ENOENT') continue;
      parentPort.postMessage({ type: 'warn', message: 'could not delete ' + file + ': ' + text(e) });
    }
  }
}

function apply(records) {
  for (const rec of records) {
    if (rec.seq !== lastSeq + 1) return fatal('replica expected seq ' + (lastSeq + 1) + ' but got ' + rec.seq);
    try {
      db.exec('BEGIN');
      for (const st of rec.statements) applyStatement(st);
      db.exec('COMMIT');
    } catch (e) {
      try { db.exec('ROLLBACK'); } catch {}
      return fatal('replica failed to apply seq ' + rec.seq + ': ' + text(e));
    }
    lastSeq = rec.seq;
  }
}

function handle(msg) {
  if (msg.type === 'close') {
    writing.then(() => {
      if (db) db.close();
      db = null;
      parentPort.postMessage({ type: 'closed' });
      parentPort.close();
    });
    return;
  }
  if (dead && msg.type !== 'delete' && msg.type !== 'recycle') return;
  try {
    if (msg.type === 'load') {
      db = msg.file ? new SQL.Database(new Uint8Array(msg.file, msg.offset, msg.length)) : new SQL.Database();
      db.exec(cfg.connectionSetup);
      lastSeq = msg.seq;
    } else if (msg.type === 'apply') apply(msg.records);
    else if (msg.type === 'fold') fold(msg.seq);
    else if (msg.type === 'delete') writing = writing.then(() => deleteFiles(msg.files));
    else if (msg.type === 'recycle') writing = writing.then(() => recycle(msg.files));
  } catch (e) {
    fatal('fold worker failed on ' + msg.type + ': ' + text(e));
  }
}

parentPort.on('message', (msg) => (SQL ? handle(msg) : early.push(msg)));

require(cfg.sqlJsEntry)({ locateFile: (f) => path.join(cfg.sqlJsDist, f) }).then(
  (mod) => {
    SQL = mod;
    parentPort.postMessage({ type: 'ready' });
    for (const msg of early.splice(0)) handle(msg);
  },
  (e) => fatal('could not load sql.js from ' + cfg.sqlJsEntry + ': ' + text(e)),
);
`;
