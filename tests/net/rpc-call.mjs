// Makes JSON-RPC calls to a hub from inside a network namespace (the test process itself lives
// outside them): `ip netns exec NS node rpc-call.mjs URL '[["method", {params}], …]'`.
// Prints the results as one JSON array; exits 1 on the first error, naming it.
import WebSocket from 'ws';

const [url, callsJson] = process.argv.slice(2);
const calls = JSON.parse(callsJson);
const ws = new WebSocket(url);
const results = [];
const fail = (msg) => {
  console.error(msg);
  process.exit(1);
};
setTimeout(() => fail(`no answer from ${url} within 10 s`), 10_000).unref();
ws.on('error', (err) => fail(`cannot reach ${url}: ${err.message}`));
ws.on('open', () => next(0));
ws.on('message', (data) => {
  const msg = JSON.parse(data.toString());
  if (msg.id === undefined) return; // a notification
  if (msg.error) fail(`${calls[msg.id][0]} failed: ${msg.error.message}`);
  results.push(msg.result);
  next(msg.id + 1);
});
function next(i) {
  if (i >= calls.length) {
    console.log(JSON.stringify(results));
    ws.close();
    process.exit(0);
  }
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: calls[i][0], params: calls[i][1] }));
}
