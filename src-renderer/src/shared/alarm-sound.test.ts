import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlarmSoundPlayer, TONES, type AudioLike } from './alarm-sound';

/** Just enough of an AudioContext to record what the player schedules. */
function fakeContext(state: AudioContextState = 'running') {
  const started: { hz: number; at: number }[] = [];
  const param = () => ({ value: 0, setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() });
  const ctx = {
    currentTime: 0,
    destination: {},
    state,
    createOscillator: () => {
      const osc = {
        type: 'sine',
        frequency: param(),
        connect: (g: unknown) => g,
        start: (at: number) => started.push({ hz: osc.frequency.value, at }),
        stop: vi.fn(),
      };
      return osc;
    },
    createGain: () => ({ gain: param(), connect: (d: unknown) => d }),
    resume: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
    addEventListener: vi.fn(),
  };
  return { ctx: ctx as unknown as AudioLike, started, raw: ctx };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('alarm sound', () => {
  it('plays the critical burst at once and repeats it until told to stop', () => {
    const { ctx, started } = fakeContext();
    let starts = 0;
    const player = new AlarmSoundPlayer({ createContext: () => ctx, onStart: () => starts++, onState: () => undefined });
    player.play('critical');
    expect(starts).toBe(TONES.critical.pulses.length);
    expect(started[0].hz).toBe(988);
    vi.advanceTimersByTime(TONES.critical.everyMs * 2);
    expect(starts).toBe(TONES.critical.pulses.length * 3);
    player.play('critical'); // the same tone again does not restart the burst
    expect(starts).toBe(TONES.critical.pulses.length * 3);
    player.play(null);
    vi.advanceTimersByTime(TONES.critical.everyMs * 4);
    expect(starts).toBe(TONES.critical.pulses.length * 3);
  });

  it('switches pattern when the worst sounding alarm changes', () => {
    const { ctx, started } = fakeContext();
    const player = new AlarmSoundPlayer({ createContext: () => ctx, onStart: () => undefined, onState: () => undefined });
    player.play('critical');
    player.play('warning');
    expect(started.slice(-TONES.warning.pulses.length).every((s) => s.hz === 660)).toBe(true);
    player.dispose();
  });

  it('reports a context the browser keeps suspended, and resumes it on request', () => {
    const { ctx, raw } = fakeContext('suspended');
    const states: string[] = [];
    const player = new AlarmSoundPlayer({ createContext: () => ctx, onStart: () => undefined, onState: (s) => states.push(s) });
    player.play('warning');
    expect(states).toEqual(['suspended']);
    player.resume();
    expect(raw.resume).toHaveBeenCalled();
    player.dispose();
    expect(raw.close).toHaveBeenCalled();
  });
});
