// Configuration: each link's socket URL and subnet, and the capture size from the page URL.
import { describe, expect, it } from 'vitest';
import { captureFrom, resolveConfig } from './endpoint-config';

describe('configuration', () => {
  it('resolves each link’s socket URL and subnet; the district falls back to its own hub', () => {
    const street = resolveConfig(
      {
        name: '北京街',
        nameEn: '',
        level: 'street',
        links: [
          { id: 'A', name: '政务外网', subnet: '10.231.1.0/24', hubUrl: 'http://10.231.1.1:4310/?token=t' },
          { id: 'B', name: '专网', hubUrl: 'http://10.231.2.1:4310/?token=t' },
        ],
      },
      null,
    );
    expect(street).toMatchObject({ me: 'beijing', unfiltered: ['B'] });
    if (typeof street === 'string') throw new Error(street);
    expect(street.links.map((l) => l.url)).toEqual(['ws://10.231.1.1:4310/rpc?token=t', 'ws://10.231.2.1:4310/rpc?token=t']);
    const district = resolveConfig(
      {
        name: '越秀区应急指挥中心',
        nameEn: '',
        level: 'district',
        links: [
          { id: 'A', name: '政务外网' },
          { id: 'B', name: '专网' },
        ],
      },
      'ws://127.0.0.1:4310/rpc',
    );
    expect(typeof district !== 'string' && district.links.map((l) => l.url)).toEqual(['ws://127.0.0.1:4310/rpc', null]);
    expect(resolveConfig({ name: '北京街', nameEn: '', level: 'street', links: [{ id: 'A', name: 'x' }] }, 'ws://x/rpc')).toBe('no-hub-url');
  });

  it('reads a lower capture size for weak machines, and no microphone, from the page URL', () => {
    expect(captureFrom('?view=wall&consultVideo=320x240@15')).toEqual({ width: 320, height: 240, frameRate: 15, audio: true });
    expect(captureFrom('?view=wall&consultAudio=0')).toEqual({ width: 640, height: 360, frameRate: 20, audio: false });
  });
});
