// The media engine (媒体引擎): Janus, started and supervised by the hub when switched on (hub flag
// `--janus`, or COMMAND_WALL_JANUS=1). It serves RTSP cameras as WebRTC (streaming plugin) and is
// the SFU of the whole-district consultation. Clients only read its health; they never talk to
// Janus itself (its API secret stays in the hub).
import { z } from 'zod';
import { event, method } from './define';
import { Timestamp } from './primitives';

/**
 * - `disabled`: supervision is not switched on for this hub (RTSP cameras cannot be watched).
 * - `missing`: the janus binary is not installed (未安装); the rest of the app works.
 * - `starting`: spawned, its WebSocket not answering yet.
 * - `running`: answering, the hub connected to it.
 * - `restarting`: it died (or never answered); started again after a back-off.
 * - `failed`: it failed to come up several times in a row; still retried, at the longest back-off.
 */
export const MediaState = z.enum(['disabled', 'missing', 'starting', 'running', 'restarting', 'failed']);
export type MediaState = z.infer<typeof MediaState>;

export const MediaHealth = z.object({
  state: MediaState,
  /** The running (or starting) process, if any. */
  pid: z.number().int().nullable(),
  /** When the process last came up (answered); null while not running. */
  upSince: Timestamp.nullable(),
  /** Times it was started again after dying since the hub started. */
  restarts: z.number().int().min(0),
  /** The last thing that went wrong (an exit, a timeout, a refused mountpoint), for the console. */
  lastError: z.string().max(500).nullable(),
  /** RTSP cameras with a mountpoint on the running engine / cameras that should have one. */
  mountpoints: z.object({ ready: z.number().int().min(0), wanted: z.number().int().min(0) }),
});
export type MediaHealth = z.infer<typeof MediaHealth>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const mediaMethods = {
  'media.getHealth': method({
    right: 'read',
    summary: 'The media engine’s (Janus) health: state, pid, uptime, restarts, last error, camera mountpoints.',
    params: z.strictObject({}),
    result: MediaHealth,
  }),
} as const;

export const mediaEvents = {
  'media.healthChanged': event({ summary: 'The media engine’s state, restarts, last error or mountpoints changed.', payload: MediaHealth }),
} as const;
