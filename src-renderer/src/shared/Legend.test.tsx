// The legend holds its place while a picture's data comes (issue 17): an unseen line of the same
// type, so the map above keeps its size when the entries arrive (a 4K wall map laid out and drew
// its canvases again when its legend appeared under them). Rendered to HTML.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Legend } from './Legend';

describe('Legend', () => {
  it('holds its place, unseen and unread, while the entries are on their way', () => {
    const html = renderToString(<Legend entries={[]} label="图例" testId="map-legend" reserve />);
    expect(html).toContain('wall-legend wall-legend-reserved');
    expect(html).toContain('aria-hidden="true"');
    // Not the legend itself: nothing a test or a screen reader would take for entries.
    expect(html).not.toContain('data-testid');
  });

  it('shows nothing with no entries when nothing is on its way, and the entries once they come', () => {
    expect(renderToString(<Legend entries={[]} label="图例" />)).toBe('');
    const html = renderToString(<Legend entries={[{ id: 'red', shape: '●', colour: 'red', word: '红色', count: 2 }]} label="图例" reserve />);
    expect(html).not.toContain('wall-legend-reserved');
    expect(html).toContain('data-count="2"');
  });
});
