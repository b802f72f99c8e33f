// Printing a page the same way on both hosts' terms: the desktop app saves a PDF through the
// shell (webContents.printToPDF); a browser on the hub opens its own print dialog.
export async function printPage(suggestedName: string): Promise<void> {
  const bridge = window.commandWall;
  if (bridge) {
    const result = await bridge.printToPdf(suggestedName);
    if (!result.ok && result.error !== 'cancelled') throw new Error(`printing failed: ${result.error ?? 'unknown error'}`);
    return;
  }
  window.print();
}
