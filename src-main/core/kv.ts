// JSON values under named keys, for small configuration records (settings, this centre).
import type { z } from 'zod';
import type { Store, Tx } from './store';

export function readKv<T extends z.ZodType>(store: Store, key: string, schema: T, fallback: z.output<T>): z.output<T> {
  const row = store.get<{ value: string }>('SELECT value FROM kv WHERE key = ?', [key]);
  if (!row) return fallback;
  const parsed = schema.safeParse({ ...(fallback as object), ...JSON.parse(row.value) });
  // A record written by an older version may lack newer fields: the defaults fill them.
  return parsed.success ? parsed.data : fallback;
}

export function writeKv(tx: Tx, key: string, value: unknown, now: number): void {
  tx.run('INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at', [
    key,
    JSON.stringify(value),
    now,
  ]);
}
