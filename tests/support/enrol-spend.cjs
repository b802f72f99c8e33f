// A machine spends its one-time enrolment code at a hub's POST /enrol (issue 14) and gets its
// credential: the one step of enrolling a street machine (tests/support/enrol-street.ts) that runs
// where the machine is. Plain CommonJS with no imports, so that every runner loads it (vitest,
// tsx, Playwright's CommonJS) and it runs as a process of its own at once, without a TypeScript
// loader (tests/net/harness.ts, from a street's network namespace):
//   node tests/support/enrol-spend.cjs http://10.231.1.1:4310 K7QF-3MZD '北京街 值班电脑'
// prints the answer ({machine, credential}) as one JSON line, or the hub's refusal and exits 1.
'use strict';

/** POST /enrol at the hub (any address of it: its origin is used); {machine, credential}, or throws with the hub's answer. */
async function spendEnrolCode(hub, code, name) {
  const u = new URL(hub);
  const protocol = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
  const res = await fetch(`${protocol}//${u.host}/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /enrol answered ${res.status}: ${text}`);
  const enrolled = JSON.parse(text);
  if (!/^cwm\./.test(enrolled.credential ?? '')) throw new Error(`POST /enrol gave no machine credential: ${text}`);
  return enrolled;
}

exports.spendEnrolCode = spendEnrolCode;

if (require.main === module) {
  const [hub, code, name] = process.argv.slice(2);
  spendEnrolCode(hub, code, name).then(
    (e) => console.log(JSON.stringify(e)),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
