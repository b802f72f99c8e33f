import { describe, expect, it } from 'vitest';
import { CentreInfo } from '@contract/schemas';
import { cleanCentre, missingLinkIds } from './centre-draft';

describe('centre form', () => {
  it('drops blank optional fields and orders links', () => {
    const c = cleanCentre({
      name: ' 越秀区应急指挥中心 ',
      nameEn: 'Yuexiu',
      level: 'district',
      links: [
        { id: 'B', name: '专网', subnet: ' ', hubUrl: 'http://10.1.0.2:4399' },
        { id: 'A', name: '政务外网', subnet: '10.0.0.0/24', hubUrl: '' },
      ],
    });
    expect(c.links).toEqual([
      { id: 'A', name: '政务外网', subnet: '10.0.0.0/24' },
      { id: 'B', name: '专网', hubUrl: 'http://10.1.0.2:4399' },
    ]);
    expect(c.name).toBe('越秀区应急指挥中心');
    expect(CentreInfo.safeParse(c).success).toBe(true);
  });

  it('lists the links that can still be added', () => {
    expect(missingLinkIds({ name: 'x', nameEn: '', level: 'street', links: [{ id: 'B', name: 'b' }] })).toEqual(['A']);
  });
});
