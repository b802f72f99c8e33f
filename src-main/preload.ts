// The preload: the page's only door to the main process. It exposes three functions through
// contextBridge and refuses any method that is not in the contract; raw ipcRenderer never
// reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { isMethodName } from './core/contract/api';
import {
  EVENT_CHANNEL,
  MACHINE_CHANNEL,
  methodChannel,
  PRINT_CHANNEL,
  SETUP_CHANNEL,
  type IpcEvent,
  type IpcReply,
  type MachineInfo,
  type SetupChoice,
  type SetupReply,
} from './shell/ipc-channels';

// Asked once, before the page runs: which role this machine has decides the page's transport
// (IPC to this machine's core, or a socket to the district's hub). A plain value, not a function.
const machine = Object.freeze(ipcRenderer.sendSync(MACHINE_CHANNEL) as MachineInfo);

const bridge = {
  machine,
  /** First run only (the setup page): keeps the chosen role; the app then restarts in it. */
  setUp(choice: SetupChoice): Promise<SetupReply> {
    return ipcRenderer.invoke(SETUP_CHANNEL, choice) as Promise<SetupReply>;
  },
  invoke(method: string, params: unknown): Promise<IpcReply> {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: -32601, message: `unknown method: ${String(method)}` } });
    }
    return ipcRenderer.invoke(methodChannel(method), params) as Promise<IpcReply>;
  },
  subscribe(listener: (msg: IpcEvent) => void): () => void {
    // The IPC event object stays here: the page gets the data only.
    const wrapped = (_e: unknown, msg: IpcEvent): void => listener(msg);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
  /** Saves the current page as a PDF (the duty log's printable page). */
  printToPdf(suggestedName: string): Promise<{ ok: boolean; path?: string; error?: string }> {
    return ipcRenderer.invoke(PRINT_CHANNEL, String(suggestedName));
  },
};

contextBridge.exposeInMainWorld('commandWall', bridge);
