// A slice on the fake client, for the slices' tests: made, held on an open link, and the check that
// it stops listening once the last screen lets go of it.
import { expect } from 'vitest';
import { SliceHost, type Commands, type SliceDef, type SliceOf } from '../state/slice';
import { fakeClient, type FakeClient, type Replies } from './fake-client';

/** What these helpers need of a slice. */
type Held = Pick<SliceOf<object, Commands>, 'hold'>;

/** Lets the replies already due (and what they set off) settle. */
export const tick = (): Promise<unknown> => new Promise((r) => setTimeout(r, 0));

/** The slice `def` of a new page whose client answers `replies`, its clock at `now`. */
export function sliceOnFake<S extends object, C extends Commands>(def: SliceDef<S, C>, replies: Replies, now: () => number) {
  const fake = fakeClient(replies);
  const host = new SliceHost(fake.client, now);
  return { fake, host, s: host.get(def) };
}

/** Holds the slice, opens the link and lets its first reads settle; returns the release. */
export async function holdOpen(fake: FakeClient, s: Held): Promise<() => void> {
  const release = s.hold();
  fake.status('open');
  await tick();
  return release;
}

/** With `release` the slice's only hold: a second screen keeps it listening, and the last release stops it. */
export function expectListeningWhileHeld(fake: FakeClient, s: Held, release: () => void): void {
  const second = s.hold();
  release();
  expect(fake.listenerCount()).toBeGreaterThan(0);
  second();
  expect(fake.listenerCount()).toBe(0);
}
