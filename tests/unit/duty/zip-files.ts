// Zip files written byte by byte, so a test can build what no zip library would: sizes that lie,
// names that climb out, encryption flags, hundreds of entries, ratios of a thousand to one.
// The entries of a real workbook come from exceljs, read back with jszip (exceljs's own zip library).
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** The uncompressed size the headers claim (default: the real one). */
  declaredSize?: number;
  /** Sets the "encrypted" flag (the data itself is left as it is). */
  encrypted?: boolean;
}

/** A zip of the given entries, each deflated, with one central directory. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = zlib.deflateRawSync(e.data, { level: 9 });
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const flags = 0x0800 | (e.encrypted ? 1 : 0); // UTF-8 names
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a real roster workbook as exceljs writes it: header and the given rows. */
export async function rosterEntries(rows: unknown[][]): Promise<ZipEntry[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow(['编号', '姓名', '角色', '电话', '单位', '开始时间', '结束时间', '备注']);
  for (const r of rows) ws.addRow(r);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const out: ZipEntry[] = [];
  for (const f of Object.values(zip.files)) if (!f.dir) out.push({ name: f.name, data: await f.async('nodebuffer') });
  return out;
}

export const SHEET = 'xl/worksheets/sheet1.xml';

/** The sheet XML of a workbook with `n` copies of one roster row: the shape of a zip bomb. */
export function bombSheet(n: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>周杰</t></is></c><c t="inlineStr"><is><t>值班员</t></is></c></row>';
  return Buffer.concat([Buffer.from(head), Buffer.from(row.repeat(n)), Buffer.from('</sheetData></worksheet>')]);
}

/** `entries` with the one named `name` replaced (same position). */
export function replaced(entries: ZipEntry[], name: string, entry: Omit<ZipEntry, 'name'>): ZipEntry[] {
  return entries.map((e) => (e.name === name ? { name, ...entry } : e));
}
