// IPC channel names, derived from the contract: one channel per method, one for events.
// Shared by the preload (renderer side) and the main process.
import type { MethodName } from '../core/contract/api';

export const EVENT_CHANNEL = 'cw:event';
/** Shell-only: render the calling page to PDF (Electron has no hub equivalent; browsers print). */
export const PRINT_CHANNEL = 'cw:shell:print-to-pdf';
export const methodChannel = (method: MethodName): string => `cw:call:${method}`;

/** What crosses IPC for a call: Electron flattens thrown errors to a string, so errors travel as data. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: { code: number; message: string; data?: unknown } };
export interface IpcEvent {
  event: string;
  payload: unknown;
}
