// Polling for a condition in tests that talk to real processes (Janus, the hub, werift sites).

/** Calls `get` every 50 ms until `ok` holds for its value; after `ms` fails naming `what` and the last value. */
export async function until<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
