// Entry of replay (复盘): the district at any moment, the significant-events board and the
// after-action report, merged from each capability's own fold of its history (handed over by
// app.ts as `links`). Opens the service and maps the contract's methods onto it.
import type { Capability, CapabilityDeps } from '../capability';
import { DOCX_MEDIA_TYPE } from '../contract/reporting';
import type { replayMethods } from '../contract/replay';
import { afterActionFileName, writeAfterActionDocx } from './after-action';
import type { ReplayLinks } from './links';
import { ReplayService } from './replay-service';

export type { ReplayLinks } from './links';

export function openReplay(deps: CapabilityDeps, links: ReplayLinks): Capability<typeof replayMethods> {
  const replay = new ReplayService(deps.store, deps.now, links);
  return {
    handlers: {
      'replay.getAt': ({ at }) => replay.getAt(at),
      'replay.listEvents': ({ from, to, limit }) => replay.events(from, to, limit),
      'replay.listIncidents': ({ limit }) => replay.incidents(limit),
      'replay.exportReport': async ({ responseId }) => {
        const model = replay.afterAction(responseId);
        const bytes = await writeAfterActionDocx(model);
        return { fileName: afterActionFileName(model), mediaType: DOCX_MEDIA_TYPE, base64: bytes.toString('base64'), rows: model.timeline.length };
      },
    },
  };
}
