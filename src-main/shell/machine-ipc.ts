// The two shell-only channels of the machine's role (shell/machine-role.ts): the preload asks
// which role this machine has (a synchronous answer, before the page runs), and the first-run
// page hands over its choice. Both refuse any frame that is not one of our own pages.
import { app, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { MACHINE_CHANNEL, SETUP_CHANNEL, type MachineInfo, type SetupChoice, type SetupReply } from './ipc-channels';
import { EnrolError, enrolWithHub } from './host-role';
import { saveMachineCredential } from './machine-credential';
import { ClientRole, HostRole, writeMachineRole } from './machine-role';
import type { TrustedOrigins } from './security';

function trusted(event: IpcMainEvent | IpcMainInvokeEvent, origins: TrustedOrigins): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && origins.isOurs(frame.url);
}

export function registerMachineInfo(info: MachineInfo, origins: TrustedOrigins): void {
  ipcMain.on(MACHINE_CHANNEL, (event) => {
    // An untrusted frame learns nothing, a client's credential least of all.
    event.returnValue = trusted(event, origins) ? info : ({ role: 'setup' } satisfies MachineInfo);
  });
}

/** First run: keep the choice, then restart the app in the chosen role. */
export function registerSetup(userData: string, origins: TrustedOrigins): void {
  ipcMain.handle(SETUP_CHANNEL, async (event, raw: SetupChoice): Promise<SetupReply> => {
    if (!trusted(event, origins)) return { ok: false, reason: 'invalid', message: 'refused: not our page' };
    try {
      if (raw?.role === 'host') {
        const role = HostRole.safeParse({ role: 'host', hosts: raw.hosts, port: raw.port });
        if (!role.success) return { ok: false, reason: 'invalid', message: role.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
        writeMachineRole(userData, role.data);
      } else if (raw?.role === 'client') {
        const urls = ClientRole.shape.hubUrls.safeParse(raw.hubUrls);
        if (!urls.success) return { ok: false, reason: 'invalid', message: urls.error.issues.map((i) => i.message).join('; ') };
        const enrolled = await enrolWithHub(urls.data, String(raw.code ?? ''), String(raw.name ?? ''));
        // The credential first: a role without its credential would start a client that cannot connect.
        saveMachineCredential(userData, enrolled.credential);
        const m = enrolled.machine;
        writeMachineRole(userData, { role: 'client', hubUrls: urls.data, machine: { id: m.id, kind: m.kind, name: m.name, street: m.street ?? null } });
      } else {
        return { ok: false, reason: 'invalid', message: 'choose host or client' };
      }
    } catch (err) {
      if (err instanceof EnrolError) return { ok: false, reason: err.reason, message: err.message };
      return { ok: false, reason: 'storage', message: err instanceof Error ? err.message : String(err) };
    }
    setTimeout(() => {
      app.relaunch();
      app.exit(0);
    }, 300);
    return { ok: true };
  });
}
