// The duty and plans slice of the app store: state, the feed that keeps it live, and the
// officer's commands. store.ts mounts it as `duty` (state) and `dutyActions`.
import { rememberActor, rememberedActor } from './actor';
import { createDutyCommands, type DutyCommands } from './duty-commands';
import { createDutyFeed, type DutyFeed } from './duty-feed';
import { createRunner, type DutyDeps } from './duty-runner';
import { initialDuty, type DutyState } from './duty-state';

export type { DutyActionName } from './duty-runner';
export type { DutyState } from './duty-state';

export interface DutyActions extends DutyCommands {
  retain: DutyFeed['retain'];
  load: DutyFeed['load'];
  setActor(id: string | null): void;
}

export function initialDutyState(): DutyState {
  return initialDuty(rememberedActor());
}

export function createDutyActions(deps: DutyDeps): DutyActions {
  const runner = createRunner(deps);
  const feed = createDutyFeed(deps, runner);
  return {
    ...createDutyCommands(deps, runner, feed),
    retain: feed.retain,
    load: feed.load,
    setActor: (id) => {
      rememberActor(id);
      runner.patch({ actorId: id });
    },
  };
}
