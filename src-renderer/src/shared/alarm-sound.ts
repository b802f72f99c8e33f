// The wall's alarm sound, generated with WebAudio (the hall has no internet and we ship no audio
// files). Two patterns, loosely after IEC 60601-1-8's priorities: critical is a fast five-pulse
// burst repeated every 2.5 s; warning a slower three-pulse burst every 6 s. There is no global
// silence: the player sounds whenever it is given a tone, and only the alarms' own state (muted or
// acknowledged per alarm, on the server) takes the tone away.
import type { AlarmSeverity } from '@contract/power';

export type Tone = Exclude<AlarmSeverity, 'info'>;

interface Pulse {
  /** Seconds after the burst starts. */
  at: number;
  hz: number;
  dur: number;
}

export const TONES: Record<Tone, { everyMs: number; pulses: Pulse[] }> = {
  critical: { everyMs: 2500, pulses: [0, 0.2, 0.4, 0.8, 1.0].map((at, i) => ({ at, hz: i % 2 === 0 ? 988 : 784, dur: 0.14 })) },
  warning: { everyMs: 6000, pulses: [0, 0.3, 0.6].map((at) => ({ at, hz: 660, dur: 0.2 })) },
};

/** The parts of an AudioContext the player uses (tests pass a fake). */
export type AudioLike = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'state' | 'createOscillator' | 'createGain' | 'resume' | 'close' | 'addEventListener'
>;

export interface PlayerOptions {
  createContext(): AudioLike | null;
  /** Called for every oscillator started (the e2e counts them on window.__cwAudioStarts). */
  onStart(): void;
  /** The context's state changed: "suspended" means the browser blocks sound until a click. */
  onState(state: AudioContextState): void;
}

export class AlarmSoundPlayer {
  private ctx: AudioLike | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private tone: Tone | null = null;

  constructor(private readonly opts: PlayerOptions) {}

  /** Sound this tone from now on (null: stop). The same tone again changes nothing. */
  play(tone: Tone | null): void {
    if (tone === this.tone) return;
    this.tone = tone;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!tone) return;
    this.burst(tone);
    this.timer = setInterval(() => this.burst(tone), TONES[tone].everyMs);
  }

  /** After a click: browsers start a blocked context only from a user gesture. */
  resume(): void {
    if (this.ctx && this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
  }

  dispose(): void {
    this.play(null);
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }

  private context(): AudioLike | null {
    if (!this.ctx) {
      this.ctx = this.opts.createContext();
      if (!this.ctx) return null;
      const ctx = this.ctx;
      ctx.addEventListener('statechange', () => this.opts.onState(ctx.state));
      this.opts.onState(ctx.state);
    }
    return this.ctx;
  }

  private burst(tone: Tone): void {
    const ctx = this.context();
    if (!ctx) return;
    const t0 = ctx.currentTime + 0.03;
    for (const p of TONES[tone].pulses) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = p.hz;
      // Short ramps: a square wave switched on and off hard clicks.
      const start = t0 + p.at;
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.2, start + 0.01);
      gain.gain.setValueAtTime(0.2, start + p.dur - 0.02);
      gain.gain.linearRampToValueAtTime(0, start + p.dur);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + p.dur + 0.01);
      this.opts.onStart();
    }
  }
}
