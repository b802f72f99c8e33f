// Entry of warnings (预测预警): CAP 1.2 import from files and from a polled intranet feed, the
// active Guangdong warning signals, their history, and the expiry timer.
import type { Capability, CapabilityDeps } from '../capability';
import { RefusedError } from '../contract/errors';
import type { warningsMethods } from '../contract/warnings';
import { CapError, readCap } from './cap';
import { FeedPoller } from './feed';
import { WarningService } from './warning-service';

const EXPIRY_CHECK_MS = 30_000;

export async function openWarnings(deps: CapabilityDeps): Promise<Capability<typeof warningsMethods>> {
  const { store, bus, now } = deps;
  // The service reads the feed's status and the feed applies through the service: wire both ways.
  let feed: FeedPoller | null = null;
  const service = new WarningService(store, bus, now, () => feed!.view());
  feed = new FeedPoller(
    store,
    now,
    deps.log,
    async (alerts, url) =>
      (await service.apply(alerts, url, 'feed', 'feed')).filter((o) => !['duplicate', 'not-actual', 'no-active-warning'].includes(o.outcome)).length,
    () => service.emit([]),
  );
  feed.start();
  await service.expireDue();
  const expiry = setInterval(() => void service.expireDue().catch((err) => deps.log.error(`[warnings] expiry check failed: ${String(err)}`)), EXPIRY_CHECK_MS);
  expiry.unref?.();

  return {
    handlers: {
      'warnings.get': () => service.state(),
      'warnings.listHistory': ({ limit, beforeSeq }) => service.history(limit, beforeSeq),
      'warnings.importCap': async ({ xml, fileName }, ctx) => {
        let alerts;
        try {
          alerts = readCap(xml);
        } catch (err) {
          if (err instanceof CapError) throw new RefusedError({ zh: `${fileName}：${err.zh}`, en: `${fileName}: ${err.message}` }, { field: 'xml' });
          throw err;
        }
        const outcomes = await service.apply(alerts, fileName, 'file', ctx.peer);
        return { outcomes, state: service.state() };
      },
      'warnings.cancel': ({ id, reason }, ctx) => service.cancel(id, reason, ctx.peer),
      'warnings.setFeed': ({ feed: config }) => feed!.set(config),
      'warnings.pollNow': async () => {
        if (!feed!.config())
          throw new RefusedError({ zh: '尚未设置预警订阅地址：请先在预警设置中填写订阅地址', en: 'no feed URL is set: set one with warnings.setFeed first' });
        await feed!.poll();
        return feed!.view();
      },
    },
    close: async () => {
      clearInterval(expiry);
      feed?.stop();
    },
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { warningsAtMoment } from './at-moment';
