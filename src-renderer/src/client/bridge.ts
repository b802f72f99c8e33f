// The shape of the Electron preload bridge (src-main/preload.ts exposes it through
// contextBridge as `window.commandWall`). Declared here because the renderer may not import
// the preload; the preload's author keeps to this shape.

export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: { code: number; message: string; data?: unknown } };

export interface BridgeEvent {
  event: string;
  payload: unknown;
}

/** This machine's role in the desktop app (src-main/shell/machine-role.ts). */
export type BridgeMachine = { role: 'setup' } | { role: 'host' } | { role: 'client'; sockets: string[]; machineName: string };
export type BridgeSetupChoice = { role: 'host'; hosts: string[]; port: number } | { role: 'client'; hubUrls: string[]; code: string; name: string };
export type BridgeSetupReply = { ok: true } | { ok: false; reason: 'invalid' | 'unreachable' | 'refused' | 'bad-answer' | 'storage'; message: string };

export interface CommandWallBridge {
  /** host: calls go to this machine's core over IPC; client: to the hub's sockets; setup: first run. */
  machine: BridgeMachine;
  /** The first-run page's choice; on success the app restarts in that role. */
  setUp(choice: BridgeSetupChoice): Promise<BridgeSetupReply>;
  invoke(method: string, params: unknown): Promise<BridgeReply>;
  /** One listener for every pushed event; returns its unsubscribe. */
  subscribe(listener: (msg: BridgeEvent) => void): () => void;
  /** Saves the calling page as a PDF through webContents.printToPDF and a save dialog. */
  printToPdf(suggestedName: string): Promise<{ ok: boolean; path?: string; error?: string }>;
}

declare global {
  interface Window {
    /** Present only inside the Electron app; a browser on the hub has no bridge. */
    commandWall?: CommandWallBridge;
  }
}
