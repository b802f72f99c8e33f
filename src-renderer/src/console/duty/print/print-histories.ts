// Each printed report's handling history (duty.getReport, one report at a time): a few reads at
// once, so a month's log does not open hundreds of requests together. A report whose read fails
// prints without its history rather than holding the whole sheet back.
import type { ReportEvent } from '@contract/duty';

/** At most this many reads in flight. */
export const HISTORY_READS_AT_ONCE = 6;

export async function readHistories(
  ids: readonly string[],
  readOne: (id: string) => Promise<{ history: ReportEvent[] } | null>,
  atOnce = HISTORY_READS_AT_ONCE,
): Promise<Map<string, ReportEvent[]>> {
  const out = new Map<string, ReportEvent[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++];
      const detail = await readOne(id).catch(() => null);
      if (detail) out.set(id, detail.history);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, ids.length) }, worker));
  return out;
}
