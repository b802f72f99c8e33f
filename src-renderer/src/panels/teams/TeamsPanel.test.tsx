// The wall's teams view rendered to HTML (no browser needed): counts and people by status, then
// the teams out, the longest out first, with their task's title and the minutes since dispatch.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { task } from '../../state/tasks/test-fixtures';
import { summary, team } from '../../state/teams/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { TeamsView } from './TeamsPanel';

const MIN = 60_000;
const NOW = 100 * 60 * MIN;

function render(): string {
  const host = new SliceHost(fakeClient().client);
  const teams = [
    team('obj_team0001', '区消防救援大队', { status: 'on_scene', taskId: 'tsk_fire0001', dispatchedAt: NOW - 42 * MIN }),
    team('obj_team0002', '区排水抢险队', { status: 'dispatched', taskId: null, dispatchedAt: NOW - 7 * MIN }),
    team('obj_team0003', '北京街兼职抢险队', { professional: false }),
  ];
  return renderToString(
    <SliceHostProvider host={host}>
      <TeamsView
        teams={teams}
        summary={summary({ standby: 1, dispatched: 1, on_scene: 1 })}
        tasks={[task('tsk_fire0001', NOW - 43 * MIN, { title: '北京路低洼点抢险排涝' })]}
        now={NOW}
      />
    </SliceHostProvider>,
  );
}

describe('the teams panel', () => {
  it('counts teams and people by status, and lists the teams out with their task and time since dispatch, longest first', () => {
    const html = render();
    expect(html).toMatch(/data-testid="teams-count-on_scene" data-count="1"/);
    expect(html).toMatch(/data-testid="teams-count-standby" data-count="1"/);
    expect(html).toMatch(/data-testid="teams-count-resting" data-count="0"/);
    expect(html).toContain('data-out="2"');
    expect(html).toContain('北京路低洼点抢险排涝');
    expect(html).toMatch(/出动 42 分钟/);
    expect(html).toMatch(/出动 7 分钟/);
    expect(html.indexOf('区消防救援大队')).toBeLessThan(html.indexOf('区排水抢险队'));
    expect(html).not.toContain('北京街兼职抢险队');
  });

  it('says a task not among those loaded is not loaded, never showing its id', () => {
    const host = new SliceHost(fakeClient().client);
    const html = renderToString(
      <SliceHostProvider host={host}>
        <TeamsView
          teams={[team('obj_team0001', '区消防救援大队', { status: 'on_scene', taskId: 'tsk_old00001', dispatchedAt: NOW - 42 * MIN })]}
          summary={summary({ on_scene: 1 })}
          tasks={[]}
          now={NOW}
        />
      </SliceHostProvider>,
    );
    expect(html).toContain('指令（未载入）');
    expect(html).not.toContain('tsk_old00001');
  });
});
