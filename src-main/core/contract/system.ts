// The application itself: identity, version, discovery.
import { z } from 'zod';
import { method } from './define';

// ---- system ------------------------------------------------------------------------
export const SystemInfo = z.object({
  app: z.string(),
  version: z.string(),
  /** Where the services run: inside the Electron app or in a headless hub. */
  host: z.enum(['electron', 'hub']),
  serverTime: z.number(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const systemMethods = {
  'rpc.discover': method({
    right: 'read',
    summary: 'The OpenRPC document of this API, generated from the contract.',
    params: z.strictObject({}),
    result: z.record(z.string(), z.unknown()),
  }),
  'system.info': method({
    right: 'read',
    summary: 'Application name, version, host kind, server time and schema version.',
    params: z.strictObject({}),
    result: SystemInfo,
  }),
} as const;
