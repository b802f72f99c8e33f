// The wall's resources view rendered to HTML (no browser needed): counts of low, expired and
// expiring lines and of waiting requests; lines needing attention first; an alarm named at the top.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { BEIJING, line, request } from '../../state/materials/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { ResourcesView } from './ResourcesPanel';

function render(withAlarm: boolean): string {
  const host = new SliceHost(fakeClient().client);
  const lines = [
    line('对讲机', 40),
    line('沙包', 150, { low: true, lowQuantity: 200, place: BEIJING }),
    line('饮用水', 30, { expired: true, nextExpiry: '2025-06-01' }),
    line('方便面', 12, { expiring: true, nextExpiry: '2025-06-20' }),
  ];
  const requests = [request('mrq_a0001', 1000), request('mrq_b0001', 2000, { state: 'received' })];
  const alarms = withAlarm ? [{ at: 0, alarm: { kind: 'low' as const, place: BEIJING, item: '沙包', unit: '袋', quantity: 150, lowQuantity: 200, expiry: null } }] : [];
  return renderToString(
    <SliceHostProvider host={host}>
      <ResourcesView lines={lines} requests={requests} alarms={alarms} street={null} sound="ready" />
    </SliceHostProvider>,
  );
}

describe('the resources panel', () => {
  it('counts, then expired, low and expiring lines before the rest; waiting requests listed', () => {
    const html = render(false);
    expect(html).toContain('data-low="1"');
    expect(html).toContain('data-expired="1"');
    expect(html).toContain('data-expiring="1"');
    expect(html).toContain('data-waiting="1"');
    const order = ['饮用水', '沙包', '方便面', '对讲机'].map((item) => html.indexOf(`data-item="${item}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('data-testid="resources-alarm"');
  });

  it('names a fresh alarm at the top', () => {
    const html = render(true);
    expect(html).toContain('data-testid="resources-alarm"');
    expect(html).toMatch(/北京街物资储备点 沙包：低于储备下限（150袋）/);
  });
});
