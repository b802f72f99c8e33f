// Watching for a link's address to come back: probes only while asked to, tells once, per link.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddressWatch } from './address-watch';
import { parseCidr } from './candidates';
import { POLICY } from './link-health';

afterEach(() => vi.useRealTimers());

describe('AddressWatch', () => {
  it('probes a link without an address every addressProbeMs and tells once when it is back', async () => {
    vi.useFakeTimers();
    const answers = [false, false, true];
    const probed: string[] = [];
    const back: string[] = [];
    const watch = new AddressWatch({
      links: [
        { id: 'A', subnet: parseCidr('10.231.1.0/24') },
        { id: 'B', subnet: parseCidr('10.231.2.0/24') },
      ],
      back: (l) => back.push(l),
      probe: (subnet) => {
        probed.push(subnet.base.toString(16));
        return Promise.resolve(answers.shift() ?? true);
      },
    });
    watch.lost('A');
    watch.lost('A'); // already watched: one probe loop
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs - 1);
    expect(probed).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(probed).toEqual(['ae70100']); // 10.231.1.0
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs * 2);
    expect(probed).toHaveLength(3);
    expect(back).toEqual(['A']);
    expect(watch.isWatching('A')).toBe(false);
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs * 5);
    expect(probed).toHaveLength(3); // stopped
    watch.dispose();
  });

  it('does not watch a link without a subnet (single mode), and stops on demand', async () => {
    vi.useFakeTimers();
    let probes = 0;
    const watch = new AddressWatch({
      links: [
        { id: 'A', subnet: null },
        { id: 'B', subnet: parseCidr('10.231.2.0/24') },
      ],
      back: () => undefined,
      probe: () => (probes++, Promise.resolve(false)),
    });
    watch.lost('A');
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs * 3);
    expect(probes).toBe(0);
    watch.lost('B');
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs * 2);
    expect(probes).toBe(2);
    watch.stop();
    await vi.advanceTimersByTimeAsync(POLICY.addressProbeMs * 3);
    expect(probes).toBe(2);
    watch.dispose();
  });
});
