// The console's team table rendered to HTML (no browser needed): each team's status in the page's
// language, and a button for every move its status allows but the dispatch (the dispatch form
// issues its task), none for moves it does not allow.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { team } from '../../state/teams/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { buttonMoves, TeamTable } from './TeamTable';

describe('the team table', () => {
  it('offers the moves each status allows, the dispatch excepted', () => {
    expect(buttonMoves('standby')).toEqual([]);
    expect(buttonMoves('dispatched')).toEqual(['on_scene', 'returning']);
    expect(buttonMoves('returning')).toEqual(['resting', 'standby']);
    const html = renderToString(
      <SliceHostProvider host={new SliceHost(fakeClient().client)}>
        <TeamTable
          teams={[team('obj_team0001', '区消防救援大队', { status: 'on_scene' }), team('obj_team0002', '北京街兼职抢险队', { professional: false })]}
          selectedId={null}
          onSelect={() => {}}
        />
      </SliceHostProvider>,
    );
    expect(html).toContain('data-testid="team-move-obj_team0001-returning"');
    expect(html).not.toContain('team-move-obj_team0001-resting');
    expect(html).not.toContain('team-move-obj_team0002-');
    expect(html).toContain('到达现场');
    expect(html).toContain('兼职队伍');
  });
});
