// Link health: which link to show, when a connection is dead, when to rebuild, what getStats says.
import { describe, expect, it } from 'vitest';
import {
  chooseShown,
  FrameClock,
  flowing,
  legState,
  POLICY,
  ratesBetween,
  rebuildDue,
  sampleStats,
  shouldClose,
  SpeakerPicker,
  stallThresholdMs,
} from './link-health';

/** A clock that has rendered frames every `every` ms from `from` to `to`. */
function clockWith(from: number, to: number, every = 50): FrameClock {
  const c = new FrameClock();
  for (let t = from; t <= to; t += every) c.frame(t);
  return c;
}

describe('choosing the shown link', () => {
  it('shows the first link that renders a frame', () => {
    expect(chooseShown(null, { A: new FrameClock(), B: clockWith(0, 100) }, 110)).toBe('B');
    expect(chooseShown(null, { A: new FrameClock(), B: new FrameClock() }, 110)).toBeNull();
  });

  it('stays on the shown link while its frames are fresh, even if the other is a frame ahead', () => {
    const A = clockWith(0, 1000);
    const B = clockWith(20, 1020);
    expect(chooseShown('A', { A, B }, 1030)).toBe('A');
  });

  it('switches within about one frame interval after the shown link stalls', () => {
    const A = clockWith(0, 1000); // A's last frame at 1000
    const B = clockWith(20, 1120);
    const stall = stallThresholdMs(A.intervalMs);
    expect(stall).toBeGreaterThanOrEqual(POLICY.stallMinMs);
    expect(stall).toBeLessThanOrEqual(65); // 1.25 × 50 ms frames
    expect(chooseShown('A', { A, B }, 1000 + stall - 1)).toBe('A');
    expect(chooseShown('A', { A, B }, 1000 + stall + 1)).toBe('B');
  });

  it('does not switch to a link that is staler than the stalled one', () => {
    const A = clockWith(0, 1000);
    const B = clockWith(0, 500);
    expect(chooseShown('A', { A, B }, 1300)).toBe('A');
  });

  it('waits longer before switching when frames come unevenly (a loaded machine), up to a limit', () => {
    const even = clockWith(0, 2000, 50);
    const uneven = new FrameClock();
    for (let t = 0, i = 0; t <= 2000; t += i++ % 2 ? 20 : 80) uneven.frame(t);
    expect(uneven.stallMs()).toBeGreaterThan(even.stallMs() + 50);
    expect(uneven.stallMs()).toBeLessThanOrEqual(POLICY.stallMaxMs);
  });

  it('learns the frame rate but not from outages', () => {
    const c = clockWith(0, 2000, 40);
    expect(c.intervalMs).toBeGreaterThan(38);
    expect(c.intervalMs).toBeLessThan(52);
    c.frame(5000); // a 3 s outage is not the frame rate
    expect(c.intervalMs).toBeLessThan(52);
    expect(stallThresholdMs(1000)).toBe(POLICY.stallMaxMs);
  });
});

describe('a connection’s state', () => {
  it('is connecting until its first frame, and down after the connect timeout', () => {
    expect(legState({ createdAt: 0, lastFrameAt: null, lastBeatAt: null }, 100)).toBe('connecting');
    expect(legState({ createdAt: 0, lastFrameAt: null, lastBeatAt: null }, POLICY.connectTimeoutMs + 1)).toBe('down');
    expect(legState({ createdAt: null, lastFrameAt: null, lastBeatAt: null }, 0)).toBe('down');
  });

  it('is up with fresh frames, stalled with only heartbeats (camera off), down with neither for 1 s', () => {
    expect(legState({ createdAt: 0, lastFrameAt: 5000, lastBeatAt: 5000 }, 5500)).toBe('up');
    expect(legState({ createdAt: 0, lastFrameAt: 3000, lastBeatAt: 5400 }, 5500)).toBe('stalled');
    expect(legState({ createdAt: 0, lastFrameAt: 4400, lastBeatAt: 4450 }, 4400 + POLICY.deadAfterMs + 100)).toBe('down');
  });

  it('is closed after about a second without frames or heartbeats while the other link lives, and rebuilt every 2 s', () => {
    const t = { createdAt: 0, lastFrameAt: 10_000, lastBeatAt: 10_010 };
    expect(shouldClose(t, 10_900, true)).toBe(false);
    expect(shouldClose(t, 11_100, true)).toBe(true);
    expect(rebuildDue(null, 0)).toBe(true);
    expect(rebuildDue(11_100, 12_000)).toBe(false);
    expect(rebuildDue(11_100, 11_100 + POLICY.retryEveryMs)).toBe(true);
  });

  it('is kept longer when every link to the remote is silent (a stalled remote, not a dead link)', () => {
    const t = { createdAt: 0, lastFrameAt: 10_000, lastBeatAt: 10_010 };
    expect(shouldClose(t, 11_100, false)).toBe(false);
    expect(shouldClose(t, 10_010 + POLICY.allSilentMs + 1, false)).toBe(true);
    // A new connection that never showed anything waits as long when the other link is silent too.
    expect(shouldClose({ createdAt: 0, lastFrameAt: null, lastBeatAt: null }, POLICY.connectTimeoutMs + 1, false)).toBe(false);
    expect(shouldClose({ createdAt: 0, lastFrameAt: null, lastBeatAt: null }, POLICY.connectTimeoutMs + 1, true)).toBe(true);
  });

  it('ignores frames that belong to an older connection', () => {
    expect(legState({ createdAt: 2000, lastFrameAt: 1900, lastBeatAt: null }, 2100)).toBe('connecting');
  });
});

describe('getStats', () => {
  const report = (bytes: number, got: number, lost: number, rtt: number) => [
    { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP2' },
    { type: 'candidate-pair', id: 'CP1', currentRoundTripTime: 0.5, nominated: true, state: 'succeeded' },
    { type: 'candidate-pair', id: 'CP2', currentRoundTripTime: rtt, nominated: true, state: 'succeeded', localCandidateId: 'L2' },
    { type: 'local-candidate', id: 'L2', address: '10.231.2.11' },
    { type: 'inbound-rtp', kind: 'video', bytesReceived: bytes, packetsReceived: got, packetsLost: lost, framesDecoded: 10 },
    { type: 'inbound-rtp', kind: 'audio', audioLevel: 0.25, bytesReceived: 999999 },
  ];

  it('reads video counters, audio level and the selected pair’s RTT', () => {
    expect(sampleStats(report(1000, 10, 0, 0.012), 5)).toEqual({
      at: 5,
      videoBytes: 1000,
      packetsReceived: 10,
      packetsLost: 0,
      framesDecoded: 10,
      rttMs: 12,
      audioLevel: 0.25,
      localAddress: '10.231.2.11',
    });
  });

  it('gives bitrate and loss between two samples', () => {
    const a = sampleStats(report(100_000, 1000, 5, 0.01), 1000);
    const b = sampleStats(report(225_000, 1095, 10, 0.02), 2000);
    expect(ratesBetween(a, b)).toEqual({ kbps: 1000, loss: 0.05, rttMs: 20 });
    expect(ratesBetween(null, b)).toEqual({ kbps: null, loss: null, rttMs: 20 });
  });
});

describe('active speaker', () => {
  it('follows the loudest above the floor, holding the current one for a moment', () => {
    const p = new SpeakerPicker(0.02, 1500);
    expect(
      p.update(
        new Map([
          ['liuhua', 0.001],
          ['beijing', 0.01],
        ]),
        0,
      ),
    ).toBeNull();
    expect(
      p.update(
        new Map([
          ['liuhua', 0.3],
          ['beijing', 0.01],
        ]),
        100,
      ),
    ).toBe('liuhua');
    expect(
      p.update(
        new Map([
          ['liuhua', 0.2],
          ['beijing', 0.5],
        ]),
        500,
      ),
    ).toBe('liuhua'); // held
    expect(
      p.update(
        new Map([
          ['liuhua', 0.2],
          ['beijing', 0.5],
        ]),
        1700,
      ),
    ).toBe('beijing');
    expect(
      p.update(
        new Map([
          ['liuhua', 0.4],
          ['beijing', 0.0],
        ]),
        1800,
      ),
    ).toBe('liuhua'); // the speaker fell silent
  });
});

describe('flowing', () => {
  it('means a frame or heartbeat of this connection within the last 450 ms', () => {
    expect(flowing({ createdAt: 0, lastFrameAt: 900, lastBeatAt: null }, 1000)).toBe(true);
    expect(flowing({ createdAt: 0, lastFrameAt: 500, lastBeatAt: 950 }, 1000)).toBe(true);
    expect(flowing({ createdAt: 0, lastFrameAt: 500, lastBeatAt: 540 }, 1000)).toBe(false);
    expect(flowing({ createdAt: 800, lastFrameAt: 700, lastBeatAt: null }, 1000)).toBe(false);
    expect(flowing({ createdAt: null, lastFrameAt: null, lastBeatAt: null }, 1000)).toBe(false);
  });
});
