// Printing in the desktop app: the page asks, the shell renders the sending page to PDF with
// webContents.printToPDF and lets the officer choose where to save it. (Browser mode uses the
// browser's own print dialog instead.)
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { writeFile } from 'node:fs/promises';
import { PRINT_CHANNEL } from './ipc-channels';
import type { TrustedOrigins } from './security';

export function registerPrint(origins: TrustedOrigins): () => void {
  ipcMain.handle(PRINT_CHANNEL, async (event, suggestedName: unknown): Promise<{ ok: boolean; path?: string; error?: string }> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !origins.isOurs(frame.url)) return { ok: false, error: 'refused: untrusted frame' };
    const name = typeof suggestedName === 'string' && /^[\w\u4e00-\u9fff .-]{1,80}\.pdf$/.test(suggestedName) ? suggestedName : 'command-wall.pdf';
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    const owner = BrowserWindow.fromWebContents(event.sender) ?? undefined;
    const choice = owner
      ? await dialog.showSaveDialog(owner, { defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
      : await dialog.showSaveDialog({ defaultPath: name });
    if (choice.canceled || !choice.filePath) return { ok: false, error: 'cancelled' };
    await writeFile(choice.filePath, pdf);
    return { ok: true, path: choice.filePath };
  });
  return () => ipcMain.removeHandler(PRINT_CHANNEL);
}
