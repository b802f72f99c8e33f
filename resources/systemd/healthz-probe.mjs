#!/usr/bin/env node
// Health probe of the Command Wall hub, for systemd (see README.md beside this file). Plain Node,
// no dependencies: GET /healthz and check for 200 {"ok":true}.
//
//   healthz-probe.mjs [--port P | --url URL] [--tries N] [--timeout-ms T] [--gap-ms G]
//       Healthy if any of N tries (default 3), each given T ms (default 3000), G ms apart
//       (default 1000), is answered: exit 0. Otherwise exit 3: the hub is down or hung.
//       (The watchdog service kills the hub only on exit 3, never on any other failure.)
//   healthz-probe.mjs [--port P | --url URL] --wait-ms W
//       Waits up to W ms for the hub to answer (ExecStartPost: "started" means serving).
//
// Node cannot send sd_notify datagrams without a native addon, so the hub is watched from the
// outside: a hub whose event loop is stuck answers nothing, and that is what this detects.
import http from 'node:http';

const HUNG = 3;
const USAGE = 'usage: healthz-probe.mjs [--port P | --url URL] [--tries N] [--timeout-ms T] [--gap-ms G] [--wait-ms W]';

function parse(argv) {
  const o = { url: null, port: 4310, tries: 3, timeoutMs: 3000, gapMs: 1000, waitMs: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    const n = Number(v);
    const num = () => {
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a number, not ${v}`);
      return n;
    };
    if (flag === '--url') o.url = v;
    else if (flag === '--port') o.port = num();
    else if (flag === '--tries') o.tries = Math.max(1, Math.floor(num()));
    else if (flag === '--timeout-ms') o.timeoutMs = num();
    else if (flag === '--gap-ms') o.gapMs = num();
    else if (flag === '--wait-ms') o.waitMs = num();
    else throw new Error(`unknown flag ${flag}`);
  }
  o.url ??= `http://127.0.0.1:${o.port}/healthz`;
  return o;
}

/** Resolves to null when healthy, else to why not. Never rejects. */
function probe(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body.length < 4096 ? (body += d) : undefined));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode}`);
        try {
          resolve(JSON.parse(body).ok === true ? null : `unexpected answer ${body.slice(0, 200)}`);
        } catch {
          resolve(`unexpected answer ${body.slice(0, 200)}`);
        }
      });
      res.on('error', (e) => resolve(e.message));
    });
    // The whole exchange, not only the connection, must finish within the timeout.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve(e.message));
    req.on('close', () => clearTimeout(timer));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let opts;
try {
  opts = parse(process.argv.slice(2));
} catch (e) {
  console.error(`healthz-probe: ${e.message}\n${USAGE}`);
  process.exit(2);
}

if (opts.waitMs !== null) {
  const end = Date.now() + opts.waitMs;
  let why = 'not tried';
  while (Date.now() < end) {
    why = await probe(opts.url, Math.min(opts.timeoutMs, Math.max(1, end - Date.now())));
    if (why === null) process.exit(0);
    await sleep(200);
  }
  console.error(`healthz-probe: ${opts.url} did not answer within ${opts.waitMs} ms (${why})`);
  process.exit(HUNG);
}

const failures = [];
for (let i = 0; i < opts.tries; i++) {
  if (i > 0) await sleep(opts.gapMs);
  const why = await probe(opts.url, opts.timeoutMs);
  if (why === null) process.exit(0);
  failures.push(why);
}
console.error(`healthz-probe: ${opts.url} failed ${opts.tries} times: ${failures.join('; ')}`);
process.exit(HUNG);
