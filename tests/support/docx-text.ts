// Reading a written .docx back in tests: every entry of the zip as text (yauzl), and the text of a
// document.xml with its runs joined. Used by tests/unit/replay and tests/unit/reporting;
// tests/e2e/dispatch.spec.ts's docxText can use documentXml(readFileSync(file)) / zipEntries(...).get('word/document.xml') too.
import yauzl from 'yauzl';

/** Every entry of a zip (a .docx) by file name, as UTF-8 text. */
export async function zipEntries(zip: Buffer): Promise<Map<string, string>> {
  const zipfile = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  const files = new Map<string, string>();
  await new Promise<void>((res, rej) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (e, stream) => {
        if (e) return rej(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zipfile.readEntry();
        });
      });
    });
    zipfile.on('end', res);
    zipfile.on('error', rej);
    zipfile.readEntry();
  });
  return files;
}

/** The word/document.xml of a .docx. */
export async function documentXml(docx: Buffer): Promise<string> {
  const xml = (await zipEntries(docx)).get('word/document.xml');
  if (xml === undefined) throw new Error('word/document.xml not in the .docx');
  return xml;
}

/** The text of a document.xml: its runs joined by "|", so a figure split across runs is still found. */
export const docText = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
