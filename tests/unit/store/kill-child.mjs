// Child process for kill.test.ts: opens the store (bundled by the test with Vite), then keeps up to
// 8 writes in flight and prints the id of each write whose promise resolved (= acknowledged), until
// the parent SIGKILLs it. Plain .mjs so it runs on bare Node without a TypeScript loader.
// argv: <bundled store module> <data dir> <first id> <foldEveryBytes> <migrations JSON>
import { pathToFileURL } from 'node:url';

const [modulePath, dir, firstId, foldEveryBytes, migrationsJson] = process.argv.slice(2);
const { openStore } = await import(pathToFileURL(modulePath).href);

const out = (line) => process.stdout.write(line + '\n');
const log = { warn: (m) => out('W ' + m.replace(/\n/g, ' ')), info: (m) => out('I ' + m.replace(/\n/g, ' ')) };
const store = await openStore({ dir, migrations: JSON.parse(migrationsJson), log, foldEveryBytes: Number(foldEveryBytes) });
out('ready');

function payload(id) {
  const bytes = new Uint8Array(id % 97);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (id * 31 + i) & 0xff;
  return bytes;
}

let next = Number(firstId);
function one() {
  const id = next++;
  store
    .write((tx) => {
      tx.run('INSERT INTO acked (id, payload) VALUES (?, ?)', [id, payload(id)]);
      tx.run('UPDATE counter SET n = n + 1');
    })
    .then(
      () => {
        out(String(id));
        one();
      },
      (e) => {
        out('E ' + e.message);
        process.exit(2);
      },
    );
}
for (let i = 0; i < 8; i++) one();
