// Primitives every contract file shares: times, ids, the acting person, files carried as base64,
// and the two-language labels of the UI. Nothing here belongs to one capability.
import { z } from 'zod';
import { utf8Max } from './limits';
import { localTime, MAX_YEAR } from './yuexiu';

/**
 * The last moment a Timestamp may name: 9999-12-31 23:59:59.999 in China Standard Time, so that
 * every Timestamp has a local date with a four-digit year (LocalDate). JavaScript dates reach
 * further (8.64e15), but a time that far out only comes from a typo or a fuzzer, and made dates
 * in results such as "+275760-09-13".
 */
export const MAX_TIMESTAMP = localTime(MAX_YEAR + 1, 1, 1) - 1;
/** Epoch milliseconds. */
export const Timestamp = z.number().int().min(0).max(MAX_TIMESTAMP);
/** Ids are made by the core ("per_…", "shf_…", "rep_…", …). */
export const EntityId = z.string().regex(/^[a-z]{2,4}_[A-Za-z0-9_-]{4,60}$/, 'not an id of this system');
/** The acting person: an id from duty.listPeople. Recorded, with their name, in the history. */
export const ActorId = EntityId.describe('the acting person: an id from duty.listPeople');

/** Largest file carried as base64 over the API (the hub refuses messages over 1 MiB). */
export const MAX_FILE_BYTES = 700 * 1024;
/** Its base64 (ASCII: a character is a byte), which fits in one hub message (limits.ts). */
export const MAX_FILE_BASE64_BYTES = Math.ceil(MAX_FILE_BYTES / 3) * 4;
export const FileBase64 = utf8Max(
  z
    .string()
    .min(4, 'the file is empty')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  MAX_FILE_BASE64_BYTES,
  'a file in base64',
  `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`,
);
export const FileDownload = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  /** The file's bytes, base64. */
  base64: z.string(),
  /** Data rows written (header excluded). */
  rows: z.number().int(),
});
export type FileDownload = z.infer<typeof FileDownload>;

/** Labels for the UI, both languages. */
export interface Label {
  zh: string;
  en: string;
}
