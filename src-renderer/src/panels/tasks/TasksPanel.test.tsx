// The wall's tasks view rendered to HTML (no browser needed): the district wall
// counts by state and lists the open tasks, past-window ones first and marked, overdue ones red;
// a street centre's wall shows only its inbox.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { inboxOf } from '../../state/tasks/tasks';
import { task } from '../../state/tasks/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { TasksView } from './TasksPanel';

const MIN = 60_000;

function render(street: string | null): string {
  const now = Date.now();
  const host = new SliceHost(fakeClient().client);
  const all = [
    task('tsk_fresh001', now - MIN, { title: '新指令' }),
    task('tsk_unack001', now - 10 * MIN, { title: '未接收指令', priority: 'normal' }),
    task('tsk_late0001', now - 90 * MIN, { title: '逾期指令', state: 'in_progress', addressee: { kind: 'street', name: '六榕街' } }),
    task('tsk_done0001', now - 90 * MIN, { title: '已办结', state: 'done' }),
  ];
  return renderToString(
    <SliceHostProvider host={host}>
      <TasksView tasks={street === null ? all : inboxOf(all, street)} street={street} now={now} sound="ready" />
    </SliceHostProvider>,
  );
}

describe('the tasks panel', () => {
  it('on the district wall: counts, then past-window first, overdue next; final ones not listed', () => {
    const html = render(null);
    expect(html).toContain('data-unacknowledged="1"');
    expect(html).toContain('data-overdue="1"');
    const order = ['未接收指令', '逾期指令', '新指令'].map((title) => html.indexOf(title));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('已办结</span>');
    expect(html).toMatch(/class="task-line priority-normal unacknowledged"/);
    expect(html).toMatch(/class="task-line priority-urgent overdue"/);
  });

  it('says what its marks mean, only those on screen: past the window, overdue, urgent and not important', () => {
    const legend = (html: string) => [...html.matchAll(/data-testid="legend-entry" data-key="([a-z]+)"/g)].map((m) => m[1]);
    expect(legend(render(null))).toEqual(['unacknowledged', 'overdue', 'urgent']);
    expect(render(null)).toContain('aria-label="图例"');
    // The street's inbox holds only the overdue urgent task.
    expect(legend(render('六榕街'))).toEqual(['overdue', 'urgent']);
  });

  it('on a street centre’s wall: its inbox only', () => {
    const html = render('六榕街');
    expect(html).toContain('data-street="六榕街"');
    expect(html).toContain('逾期指令');
    expect(html).not.toContain('未接收指令');
  });
});
