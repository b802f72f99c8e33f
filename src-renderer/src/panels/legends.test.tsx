// The wall's one legend (shared/Legend.tsx) and what each panel puts in it: only the states it
// shows, each drawn as the panel draws it and said in words.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Legend, swatchEntry } from '../shared/Legend';
import { STATES } from '../styles/colour-language';
import { powerLooks } from './power/legend';
import { markLook, responseMarks } from './plan-responses/legend';
import { teamShapes } from './teams/legend';
import { warningMarkLook, warningMarks } from './warnings/legend';

describe('the legend', () => {
  it('draws each entry’s shape in its colour beside its word, and nothing when there is nothing to explain', () => {
    const html = renderToString(<Legend entries={[swatchEntry('alarm', STATES.alarm, '告警'), { id: 'x', shape: '·', word: '待完成' }]} label="图例" />);
    expect(html).toContain('aria-label="图例"');
    expect(html).toMatch(
      /data-key="alarm"><span class="wall-legend-shape" aria-hidden="true" style="color:#ff4fd8">■<\/span><span class="wall-legend-word">告警<\/span>/,
    );
    expect(html).toMatch(/data-key="x"><span class="wall-legend-shape" aria-hidden="true">·<\/span>/);
    expect(renderToString(<Legend entries={[]} label="图例" />)).toBe('');
  });
});

describe('what each panel explains', () => {
  it('responses: their levels, most severe first, then overdue actions', () => {
    const head = (level: 'I' | 'II' | 'III' | 'IV') => ({ kind: 'head' as const, response: { level } });
    expect(responseMarks([head('III'), { kind: 'action', overdue: true }, head('I')])).toEqual([
      { kind: 'level', level: 'I' },
      { kind: 'level', level: 'III' },
      { kind: 'overdue' },
    ]);
    expect(responseMarks([head('IV'), { kind: 'action', overdue: false }])).toEqual([{ kind: 'level', level: 'IV' }]);
    expect(markLook({ kind: 'level', level: 'III' })).toEqual({ shape: '▌', colour: '#ffe100' });
    expect(markLook({ kind: 'overdue' }).colour).toBe(STATES.alarm.colour);
  });

  it('warnings: the signal levels in force, then the quiet line’s certainty or the feed’s failure', () => {
    expect(warningMarks([{ level: 'yellow' }, { level: 'orange' }, { level: 'orange' }], null, false)).toEqual([
      { kind: 'level', level: 'orange' },
      { kind: 'level', level: 'yellow' },
    ]);
    expect(warningMarks([], { tone: 'calm' }, false)).toEqual([{ kind: 'state', state: 'normal' }]);
    expect(warningMarks([], { tone: 'unknown' }, true)).toEqual([
      { kind: 'state', state: 'stale' },
      { kind: 'state', state: 'alarm' },
    ]);
    expect(warningMarks([], { tone: 'response', level: 'III', sanfang: true }, false)).toEqual([]);
    expect(warningMarkLook({ kind: 'level', level: 'orange' })).toEqual({ shape: '■', colour: '#ff8c00' });
  });

  it('power: the banner’s state and the tiles’ verdicts, worst first, unknown never as normal', () => {
    expect(powerLooks('UNKNOWN', [])).toEqual(['stale']);
    expect(powerLooks('ON_BATTERY', ['mains', 'battery', 'unknown'])).toEqual(['alarm', 'normal', 'stale']);
    expect(powerLooks('ON_GENERATOR', ['generator', 'low-battery'])).toEqual(['alarm', 'attention']);
  });

  it('teams: the shapes of the statuses of the teams out', () => {
    expect(teamShapes([{ status: 'returning' }, { status: 'dispatched' }, { status: 'standby' }])).toEqual([
      { status: 'dispatched', shape: '▶' },
      { status: 'returning', shape: '◀' },
    ]);
    expect(teamShapes([])).toEqual([]);
  });
});
