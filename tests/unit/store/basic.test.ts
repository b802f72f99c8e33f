import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../src-main/core/store';
import { CapturingLog, MIGRATIONS, eventNumbers, files, insertEvents, open, range, removeTempDirs, tempDir } from './helpers';

afterEach(removeTempDirs);

describe('store basics', () => {
  it('writes, reads and survives a reopen', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    expect(store.schemaVersion).toBe(2);
    const blob = new Uint8Array([0, 1, 2, 250, 255]);
    const res = await store.write((tx) => tx.run('INSERT INTO items (name, data) VALUES (?, ?)', ['alpha', blob]));
    expect(res).toEqual({ changes: 1, lastInsertRowid: 1 });
    const id = await store.write((tx) => {
      tx.run('INSERT INTO items (name, data) VALUES (?, ?)', ['beta', null]);
      return tx.get<{ id: number }>('SELECT id FROM items WHERE name = ?', ['beta'])!.id;
    });
    expect(id).toBe(2);
    await store.write((tx) => tx.run("UPDATE items SET name = name || '!' WHERE id = 1"));
    await store.write((tx) => tx.run('INSERT INTO events (n, note) VALUES (?, ?)', [1.5, 'héllo ✓ 😀']));
    await store.close();

    const { store: again } = await open(dir);
    expect(again.all('SELECT id, name, data FROM items ORDER BY id')).toEqual([
      { id: 1, name: 'alpha!', data: blob },
      { id: 2, name: 'beta', data: null },
    ]);
    expect(again.get('SELECT n, note FROM events')).toEqual({ n: 1.5, note: 'héllo ✓ 😀' });
    expect(again.schemaVersion).toBe(2);
    await again.close();
  });

  it('rolls back everything when the callback throws and journals nothing', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await store.write((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['keep']));
    const boom = new Error('boom');
    await expect(
      store.write((tx) => {
        tx.run('INSERT INTO items (name) VALUES (?)', ['lost-1']);
        tx.run('INSERT INTO events (n) VALUES (?)', [7]);
        throw boom;
      }),
    ).rejects.toBe(boom);
    // A failing statement rejects the whole write when not caught.
    await expect(store.write((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['keep']))).rejects.toThrow(/UNIQUE/);
    // A caught statement error undoes only that statement.
    await store.write((tx) => {
      tx.run('INSERT INTO items (name) VALUES (?)', ['second']);
      expect(() => tx.run('INSERT INTO items (name) VALUES (?)', ['keep'])).toThrow(/UNIQUE/);
    });
    expect(store.all('SELECT name FROM items ORDER BY id')).toEqual([{ name: 'keep' }, { name: 'second' }]);
    expect(store.all('SELECT * FROM events')).toEqual([]);
    await store.close();
    const { store: again } = await open(dir);
    expect(again.all('SELECT name FROM items ORDER BY id')).toEqual([{ name: 'keep' }, { name: 'second' }]);
    expect(again.all('SELECT * FROM events')).toEqual([]);
    await again.close();
  });

  it('rejects misuse clearly', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await expect(store.write((tx) => tx.run('COMMIT'))).rejects.toThrow(StoreError);
    await expect(store.write((tx) => tx.run('INSERT INTO items (name) VALUES (?)', [undefined as never]))).rejects.toThrow(/param 1/);
    await expect(store.write((() => Promise.resolve(1)) as never)).rejects.toThrow(/synchronous/);
    expect(() => store.all("INSERT INTO items (name) VALUES ('x')")).toThrow(/readonly/);
    expect(() => store.all('BEGIN')).toThrow(StoreError);
    let leaked: import('../../../src-main/core/store').Tx | undefined;
    await store.write((tx) => {
      leaked = tx;
    });
    expect(() => leaked!.run('DELETE FROM items')).toThrow(/finished/);
    // Store is still healthy.
    await store.write((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['ok']));
    expect(store.all('SELECT name FROM items')).toEqual([{ name: 'ok' }]);
    await store.close();
    await expect(store.write(() => 1)).rejects.toThrow(/closed/);
  });

  it('journals writes made through tx.all (RETURNING) and store.all inside a write', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    const rows = await store.write((tx) => tx.all<{ id: number }>('INSERT INTO items (name) VALUES (?), (?) RETURNING id', ['a', 'b']));
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    await store.write(() => store.all('DELETE FROM items WHERE name = ? RETURNING id', ['a']));
    await store.close();
    const { store: again } = await open(dir);
    expect(again.all('SELECT name FROM items')).toEqual([{ name: 'b' }]);
    await again.close();
  });

  it('applies migrations once, in order, and journals them', async () => {
    const dir = tempDir();
    const log = new CapturingLog();
    const s1 = await openStore({ dir, migrations: MIGRATIONS.slice(0, 1), log });
    expect(s1.schemaVersion).toBe(1);
    await s1.write((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['x']));
    await s1.close();
    const s2 = await openStore({ dir, migrations: [...MIGRATIONS].reverse(), log });
    expect(s2.schemaVersion).toBe(2);
    await s2.close();
    const s3 = await openStore({ dir, migrations: MIGRATIONS, log });
    expect(s3.schemaVersion).toBe(2);
    expect(s3.all('SELECT name FROM items')).toEqual([{ name: 'x' }]);
    await s3.close();
    expect(log.infos.filter((m) => m.includes('applied migration'))).toEqual(['store: applied migration 1 (items)', 'store: applied migration 2 (events)']);
  });

  it('rejects bad migration lists and databases newer than the code', async () => {
    const dir = tempDir();
    const gap = [MIGRATIONS[0], { version: 3, name: 'three', up: '' }];
    await expect(openStore({ dir, migrations: gap })).rejects.toThrow(/version 2 is missing/);
    const dup = [MIGRATIONS[0], { ...MIGRATIONS[1], version: 1 }];
    await expect(openStore({ dir, migrations: dup })).rejects.toThrow(/version 1 is defined twice/);
    await expect(openStore({ dir, migrations: [{ version: 0, name: 'zero', up: '' }] })).rejects.toThrow(StoreError);
    const bad = [MIGRATIONS[0], { version: 2, name: 'broken', up: 'CREATE TABLE ok2 (x); CREATE TABLE items (y);' }];
    await expect(openStore({ dir, migrations: bad, log: new CapturingLog() })).rejects.toThrow(/migration 2 \(broken\) failed/);
    // The failed migration left nothing behind (ok2 was rolled back with it).
    const { store } = await open(dir);
    expect(store.schemaVersion).toBe(2);
    expect(store.all("SELECT name FROM sqlite_master WHERE name = 'ok2'")).toEqual([]);
    await store.close();
    await expect(openStore({ dir, migrations: MIGRATIONS.slice(0, 1) })).rejects.toThrow(/schema is at version 2 but only migrations up to 1/);
  });

  it('refuses a second open of the same directory', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await expect(open(dir)).rejects.toThrow(/already open/);
    await store.close();
    const { store: again } = await open(dir);
    await again.close();
  });

  it('resolves 500 concurrent writes and keeps them in commit order across reopen', async () => {
    const dir = tempDir();
    const { store } = await open(dir, { foldEveryBytes: 4096 });
    const results = await Promise.all(range(0, 500).map((i) => store.write((tx) => tx.run('INSERT INTO events (n) VALUES (?)', [i]).lastInsertRowid)));
    expect(results).toEqual(range(1, 500));
    await insertEvents(store, 500, 500);
    await store.close();
    const { store: again } = await open(dir);
    expect(eventNumbers(again)).toEqual(range(0, 1000));
    await again.close();
    expect(files(dir, /^snap-/).length).toBeGreaterThan(0);
  });

  it('takes over a LOCK left by a dead process but not one held by a live process', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999999');
    const { store } = await open(dir);
    await store.close();
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid));
    await expect(open(dir)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
  });

  it('writes snapshots that hold exactly the primary state (the replica applied the same statements)', async () => {
    const dir = tempDir();
    const { store } = await open(dir, { foldEveryBytes: 2048 });
    await insertEvents(store, 0, 100);
    await store.close();
    // Reopen (primary from snapshot + journal, replica likewise), then mix every kind of statement.
    const { store: s2 } = await open(dir, { foldEveryBytes: 2048 });
    await s2.write((tx) => {
      tx.run('UPDATE events SET note = ? WHERE n % 3 = 0', ['third']);
      tx.run('DELETE FROM events WHERE n % 7 = 0');
      tx.all('INSERT INTO items (name, data) VALUES (?, ?) RETURNING id', ['blob', new Uint8Array([1, 2, 3])]);
      tx.run("INSERT INTO items (name) VALUES ('exec-mode'); UPDATE items SET data = x'ff00' WHERE name = 'exec-mode';");
    });
    await insertEvents(s2, 100, 20);
    await s2.foldNow();
    const tables = ['events', 'items'];
    const expected = tables.map((t) => s2.all(`SELECT * FROM ${t} ORDER BY id`));
    const version = s2.schemaVersion;
    await s2.close();

    const newest = files(dir, /^snap-\d+\.db$/).at(-1)!;
    const image = fs.readFileSync(path.join(dir, newest)).subarray(64);
    const require = createRequire(import.meta.url);
    const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
    const db = new SQL.Database(new Uint8Array(image));
    const rows = (t: string): unknown[] => {
      const st = db.prepare(`SELECT * FROM ${t} ORDER BY id`);
      const out: unknown[] = [];
      while (st.step()) out.push(st.getAsObject());
      st.free();
      return out;
    };
    expect(tables.map(rows)).toEqual(expected);
    expect(db.exec('PRAGMA user_version')[0].values[0][0]).toBe(version);
    db.close();
  });
});
