// The replay slices with a scripted client: the events board loads and reads again on any source's
// push; the console's replay seeks a moment (a slower earlier answer never overwrites a later one)
// and asks for the after-action report; a refusal reaches the slice's error.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { ReplayEvent, ReplayState } from '@contract/replay';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { eventsBoardSlice, replaySlice } from './replay-slice';
import { clampMoment, fraction, nextMoment } from './replay';

const NOW = 50_000_000;
const ev = (at: number, what: string): ReplayEvent => ({
  at,
  kind: 'task.issued',
  who: '陈志强',
  what,
  street: '北京街',
  position: null,
  links: { taskId: 'tsk_abcdefgh' },
});
const empty = (at: number): ReplayState => ({ at, reports: [], responses: [], tasks: [], teams: [], stock: [], warnings: [] });

describe('events board slice', () => {
  it('loads the newest events and reads them again when a source changes', async () => {
    let n = 1;
    const { fake, s } = sliceOnFake(eventsBoardSlice, { 'replay.listEvents': () => ({ events: [ev(NOW, `指令${n}`)], total: n++ }) }, () => NOW);
    const release = await holdOpen(fake, s);
    expect(s.store.getState()).toMatchObject({ loaded: true, total: 1 });
    fake.emit('duty.logChanged', { change: 'demo', report: null, openCounts: { new: 0, verifying: 0, handling: 0 } });
    await tick();
    await tick();
    expect(s.store.getState().events[0].what).toBe('指令2');
    expect(fake.calls.filter((c) => c.method === 'replay.listEvents')).toHaveLength(2);
    expectListeningWhileHeld(fake, s, release);
  });
});

describe('replay slice', () => {
  it('seeks a moment: the state then and the events up to it; an overtaken answer is dropped', async () => {
    const answers: ((s: ReplayState) => void)[] = [];
    const { fake, s } = sliceOnFake(
      replaySlice,
      {
        'replay.listIncidents': () => ({ incidents: [], asOf: NOW }),
        'replay.getAt': ({ at }) => new Promise<ReplayState>((res) => answers.push((x) => res({ ...x, at }))),
        'replay.listEvents': ({ to }) => ({ events: [ev(to ?? 0, 'x')], total: 1 }),
      },
      () => NOW,
    );
    await holdOpen(fake, s);
    const first = s.commands.seekReplay(NOW - 2000);
    const second = s.commands.seekReplay(NOW - 1000);
    answers[1](empty(0));
    await second;
    answers[0](empty(0));
    await first;
    expect(s.store.getState().at).toBe(NOW - 1000);
    expect(s.store.getState().state?.at).toBe(NOW - 1000);
  });

  it('asks for the after-action report by response; a refusal reaches the error', async () => {
    const { fake, s } = sliceOnFake(
      replaySlice,
      {
        'replay.listIncidents': () => ({ incidents: [], asOf: NOW }),
        'replay.exportReport': ({ responseId }) => {
          if (responseId === 'rsp_missing0') throw new RpcError(-32000, '没有此响应');
          return { fileName: 'a.docx', mediaType: 'x', base64: '', rows: 1 };
        },
      },
      () => NOW,
    );
    await holdOpen(fake, s);
    expect(await s.commands.exportAfterAction('rsp_abcdefgh')).toMatchObject({ fileName: 'a.docx' });
    expect(await s.commands.exportAfterAction('rsp_missing0')).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'exportAfterAction', message: '没有此响应' });
  });
});

describe('playback arithmetic', () => {
  it('steps at the speed chosen, never past the end; clamps and places a moment on the span', () => {
    expect(nextMoment(1000, 60, 500, 100_000)).toBe(31_000);
    expect(nextMoment(99_000, 60, 500, 100_000)).toBe(100_000);
    expect(clampMoment(5, { from: 10, to: 20 })).toBe(10);
    expect(fraction(15, { from: 10, to: 20 })).toBe(0.5);
  });
});
