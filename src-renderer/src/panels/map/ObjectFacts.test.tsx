// A team's map card names its task by title; a task not among those loaded is said so
// (「指令（未载入）」), never shown by its id (issue 17: names everywhere instead of ids).
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { object } from '../../state/map/test-fixtures';
import { SliceHost } from '../../state/slice';
import { task } from '../../state/tasks/test-fixtures';
import { team } from '../../state/teams/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { ObjectFacts } from './ObjectFacts';

const wrap = (node: ReactElement): string => renderToString(<SliceHostProvider host={new SliceHost(fakeClient().client)}>{node}</SliceHostProvider>);
/** The task fact's text as shown. */
const taskFact = (html: string): string => {
  const at = html.indexOf('data-testid="map-card-team-task"');
  expect(at).toBeGreaterThan(-1);
  return html.slice(at, html.indexOf('</dd>', at)).replace(/<[^>]+>/g, '');
};

describe('a team’s map card', () => {
  const o = object('team0001', '区排水抢险队');
  const out = team(o.id, o.name, { status: 'dispatched', taskId: 'tsk_pump0001', since: 1000, dispatchedAt: 1000 });

  it('names the task by its title when it is loaded', () => {
    const html = wrap(<ObjectFacts object={o} team={out} task={task('tsk_pump0001', 0, { title: '北京路地下商场排涝' })} />);
    expect(taskFact(html)).toContain('北京路地下商场排涝');
  });

  it('says the task is not loaded, never its id, when it is not', () => {
    for (const missing of [undefined, null]) {
      const html = wrap(<ObjectFacts object={o} team={out} task={missing} />);
      expect(taskFact(html)).toContain('指令（未载入）');
      expect(html).not.toContain('tsk_pump0001');
    }
  });
});
