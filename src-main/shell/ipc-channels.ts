// IPC channel names, derived from the contract: one channel per method, one for events.
// Shared by the preload (renderer side) and the main process.
import type { MethodName } from '../core/contract/api';

export const EVENT_CHANNEL = 'cw:event';
/** Shell-only: render the calling page to PDF (Electron has no hub equivalent; browsers print). */
export const PRINT_CHANNEL = 'cw:shell:print-to-pdf';
/** Shell-only, synchronous at preload time: this machine's role and, for a client, its hub sockets. */
export const MACHINE_CHANNEL = 'cw:shell:machine';
/** Shell-only, first run: the role chosen on the setup page (host, or client with its enrolment code). */
export const SETUP_CHANNEL = 'cw:shell:set-up';
export const methodChannel = (method: MethodName): string => `cw:call:${method}`;

/** What crosses IPC for a call: Electron flattens thrown errors to a string, so errors travel as data. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: { code: number; message: string; data?: unknown } };
export interface IpcEvent {
  event: string;
  payload: unknown;
}

/** What the preload tells the page about this machine (MACHINE_CHANNEL). */
export type MachineInfo =
  | { role: 'setup' }
  | { role: 'host' }
  /** sockets: the hub's JSON-RPC address on link A, then link B, each with this machine's credential. */
  | { role: 'client'; sockets: string[]; machineName: string };

/** The setup page's choice (SETUP_CHANNEL). */
export type SetupChoice = { role: 'host'; hosts: string[]; port: number } | { role: 'client'; hubUrls: string[]; code: string; name: string };
/** Its answer: on success the app restarts in the chosen role. */
export type SetupReply = { ok: true } | { ok: false; reason: 'invalid' | 'unreachable' | 'refused' | 'bad-answer' | 'storage'; message: string };
