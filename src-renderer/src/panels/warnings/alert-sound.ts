// The warning sound, made with WebAudio: no audio file, nothing from the network. Two tones
// alternating, repeated once for blue/yellow, twice for orange, three times for red.
// Browsers start an AudioContext suspended until the page is touched; the wall in Electron is
// allowed to play at once (autoplay policy), a browser-mode wall after its first click. Each
// call reports whether the tones were started and the context's state, which the header shows
// as data attributes (that is also how the end-to-end test sees that the sound started).
import type { SignalLevel } from '@contract/warnings';

const REPEATS: Record<SignalLevel, number> = { white: 1, blue: 1, yellow: 1, orange: 2, red: 3 };
const TONES = [880, 660];
const TONE_S = 0.22;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  ctx = new Ctor();
  // A context that starts suspended resumes on the first touch of the page.
  const resume = (): void => void ctx?.resume();
  window.addEventListener('pointerdown', resume, { once: true });
  window.addEventListener('keydown', resume, { once: true });
  return ctx;
}

export interface SoundResult {
  started: boolean;
  state: AudioContextState | 'unavailable';
}

export function playAlertSound(level: SignalLevel): SoundResult {
  const ac = context();
  if (!ac) return { started: false, state: 'unavailable' };
  if (ac.state === 'suspended') void ac.resume();
  const t0 = ac.currentTime + 0.05;
  const out = ac.createGain();
  out.gain.value = 0.35;
  out.connect(ac.destination);
  let t = t0;
  for (let r = 0; r < REPEATS[level]; r++) {
    for (const f of TONES) {
      const osc = ac.createOscillator();
      const env = ac.createGain();
      osc.type = 'triangle';
      osc.frequency.value = f;
      env.gain.setValueAtTime(0, t);
      env.gain.linearRampToValueAtTime(1, t + 0.02);
      env.gain.setValueAtTime(1, t + TONE_S - 0.04);
      env.gain.linearRampToValueAtTime(0, t + TONE_S);
      osc.connect(env).connect(out);
      osc.start(t);
      osc.stop(t + TONE_S);
      t += TONE_S;
    }
    t += 0.25;
  }
  return { started: true, state: ac.state };
}
