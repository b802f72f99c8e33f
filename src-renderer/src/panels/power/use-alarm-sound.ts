// Plays the alarm sound on the wall while any power alarm is sounding. One page per browser
// profile plays it (a Web Lock, as the consultation endpoint does), so several wall windows do not
// sound over each other; the next one takes over when it closes. Where the browser blocks sound
// until a click (browser mode; Electron allows it), the page says so and the first click starts it.
import { useEffect, useState } from 'react';
import { holdProfileLock } from '../../shared/profile-lock';
import { AlarmSoundPlayer, type Tone } from './alarm-sound';

const LOCK = 'command-wall-power-sound';

/** `ready`: this page plays the sound; `elsewhere`: another wall page of this profile does. */
export type AudioStatus = 'ready' | 'elsewhere' | 'unavailable' | AudioContextState;

declare global {
  interface Window {
    /** Oscillators started by the alarm sound (an e2e hook; harmless in production). */
    __cwAudioStarts?: number;
  }
}

function newContext(): AudioContext | null {
  try {
    return typeof AudioContext === 'function' ? new AudioContext() : null;
  } catch {
    return null;
  }
}

export function useAlarmSound(tone: Tone | null): AudioStatus {
  const [status, setStatus] = useState<AudioStatus>('ready');
  const [player, setPlayer] = useState<AlarmSoundPlayer | null>(null);

  useEffect(() => {
    const held: { player: AlarmSoundPlayer | null } = { player: null };
    const begin = (): void => {
      const p = new AlarmSoundPlayer({
        createContext: () => {
          const ctx = newContext();
          if (!ctx) setStatus('unavailable');
          return ctx;
        },
        onStart: () => (window.__cwAudioStarts = (window.__cwAudioStarts ?? 0) + 1),
        onState: (s) => setStatus(s),
      });
      held.player = p;
      setStatus('ready');
      setPlayer(p);
    };
    const lock = holdProfileLock(LOCK, begin, () => setStatus('elsewhere'));
    return () => {
      held.player?.dispose();
      lock.release();
      setPlayer(null);
    };
  }, []);

  useEffect(() => {
    player?.play(tone);
  }, [player, tone]);

  // A blocked context starts on the first click or key anywhere on the page.
  useEffect(() => {
    if (status !== 'suspended' || !player) return;
    const resume = (): void => player.resume();
    window.addEventListener('pointerdown', resume);
    window.addEventListener('keydown', resume);
    return () => {
      window.removeEventListener('pointerdown', resume);
      window.removeEventListener('keydown', resume);
    };
  }, [status, player]);

  return status;
}
