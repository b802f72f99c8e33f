// Plays an alarm sound on the wall while `tone` is set (a power alarm, a task past its
// acknowledgement window). One page per browser profile plays each alarm (a Web Lock by the
// alarm's name, shared/profile-lock.ts), so several wall windows do not sound over each other and
// one alarm does not silence another; the next page takes over when one closes. Where the browser blocks sound
// until a click (browser mode; Electron allows it), the page says so and the first click starts it.
import { useEffect, useState } from 'react';
import { holdProfileLock } from './profile-lock';
import { AlarmSoundPlayer, type Tone } from './alarm-sound';

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

/** `lock`: the alarm's name, one per kind of alarm (e.g. 'command-wall-power-sound'). */
export function useAlarmSound(tone: Tone | null, lock: string): AudioStatus {
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
    const profileLock = holdProfileLock(lock, begin, () => setStatus('elsewhere'));
    return () => {
      held.player?.dispose();
      profileLock.release();
      setPlayer(null);
    };
  }, [lock]);

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
