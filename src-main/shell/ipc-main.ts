// The main-process side of the IPC bridge: one ipcMain.handle per contract method, each
// refusing any sender that is not one of our own pages, each going through the contract's
// dispatcher (which validates params and checks rights) like the hub does. Each window is a
// connection: a sign-in from it binds that window, as a sign-in on a socket binds the socket.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Core } from '../core/app';
import { methodNames, type CallContext } from '../core/contract/api';
import { RpcCode, RpcError } from '../core/contract/errors';
import { EVENT_CHANNEL, methodChannel, type IpcEvent, type IpcReply } from './ipc-channels';
import type { TrustedOrigins } from './security';

function senderIsTrusted(event: IpcMainInvokeEvent, origins: TrustedOrigins): boolean {
  const frame = event.senderFrame;
  // Only top-level frames of our own pages: never a subframe, never a page that navigated away.
  return frame !== null && frame.parent === null && origins.isOurs(frame.url);
}

export function registerIpc(core: Core, origins: TrustedOrigins): () => void {
  // Each window is a connection, like a hub socket, so services can push to one party.
  const registered = new Set<number>();
  const windowConnection = (contents: WebContents): string => {
    const id = `ipc-${contents.id}`;
    if (!registered.has(contents.id)) {
      registered.add(contents.id);
      const remove = core.connections.add({
        id,
        push: (name, payload) => {
          if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event: name, payload } satisfies IpcEvent);
        },
      });
      contents.once('destroyed', () => {
        registered.delete(contents.id);
        remove();
      });
    }
    return id;
  };
  for (const method of methodNames) {
    ipcMain.handle(methodChannel(method), async (event, params: unknown): Promise<IpcReply> => {
      if (!senderIsTrusted(event, origins)) {
        return { ok: false, error: new RpcError(RpcCode.Unauthorized, 'IPC from an untrusted frame was refused').toJSON() };
      }
      try {
        const connectionId = windowConnection(event.sender);
        const base: CallContext = { transport: 'ipc', peer: `window ${event.sender.id}`, connectionId };
        // As on a hub socket (hub/rpc-socket.ts): a window nobody signed in on may do anything,
        // as before; once someone signs in from it (auth.signIn), identity binds this window's
        // connection to the session and each later call carries that person and their rights.
        // Asked per call, so a role's new rights, a sign-out or an ended session apply at once.
        const bound = core.identity.contextFor(connectionId);
        const result = await core.dispatch(method, params, bound ? { ...base, ...bound } : base);
        return { ok: true, result };
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError(RpcCode.InternalError, String(err));
        return { ok: false, error: e.toJSON() };
      }
    });
  }
  const unsubscribe = core.bus.onAny((event, payload) => {
    const msg: IpcEvent = { event, payload };
    for (const win of BrowserWindow.getAllWindows()) if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, msg);
  });
  return () => {
    unsubscribe();
    for (const method of methodNames) ipcMain.removeHandler(methodChannel(method));
  };
}
