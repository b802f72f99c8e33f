// The materials forms rendered to HTML (no browser needed): each text field carries its label, its
// draft's value and its testId through draftField, and the foot (FormActions) a submit button that
// stays disabled while nobody acts and the fields that keep it so; a table head names its columns.
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { task } from '../../state/tasks/test-fixtures';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { fakeClient } from '../../test-kit/fake-client';
import { TableHead } from '../TableHead';
import { MovementForm } from './MovementForm';
import { ThresholdForm } from './ThresholdForm';

const render = (node: ReactNode): string => renderToString(<SliceHostProvider host={new SliceHost(fakeClient().client)}>{node}</SliceHostProvider>);

/** The <label> element that holds the control with this testId. */
const fieldOf = (html: string, testId: string): string => {
  const at = html.indexOf(`data-testid="${testId}"`);
  expect(at).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<label', at), html.indexOf('</label>', at));
};

describe('the materials forms', () => {
  it('bind each text field to its label and value, and keep the submit disabled with nobody acting', () => {
    const html = render(<ThresholdForm />);
    expect(fieldOf(html, 'threshold-item')).toContain(zhCN['materials.item']);
    expect(fieldOf(html, 'threshold-unit')).toContain(zhCN['materials.unit']);
    expect(fieldOf(html, 'threshold-low')).toContain(zhCN['materials.lowQuantity']);
    expect(fieldOf(html, 'threshold-low')).toMatch(/type="number"[^>]*value="0"|value="0"[^>]*type="number"/);
    expect(fieldOf(html, 'threshold-days')).toContain('value="30"');
    expect(fieldOf(html, 'threshold-item')).toContain('maxLength="60"');
    expect(html).toMatch(/<button type="submit" class="primary" data-testid="threshold-submit" disabled="">保存阈值<\/button>/);
    expect(html).toContain('data-testid="still-to-fix"');
  });

  it('keep a field’s own hint and placeholder beside what draftField gives', () => {
    const html = render(<MovementForm place="" />);
    const expiry = fieldOf(html, 'movement-expiry');
    expect(expiry).toContain(zhCN['materials.expiry']);
    expect(expiry).toContain('placeholder="YYYY-MM-DD"');
    expect(html).toMatch(/data-testid="movement-submit" disabled="">登记</);
  });

  it('offer a movement’s task as a choice of open tasks by title and addressee, never a field for its id', () => {
    const host = new SliceHost(fakeClient().client);
    const store = host.get(tasksSlice).store;
    store.setState({
      tasks: [task('tsk_sand0001', 2000, { title: '向越秀南低洼点前置沙包' }), task('tsk_done0001', 1000, { title: '已办结的指令', state: 'done' })],
    });
    // Server rendering reads a store's initial state: made to serve the current one.
    store.getInitialState = () => store.getState();
    const html = renderToString(
      <SliceHostProvider host={host}>
        <MovementForm place="" />
      </SliceHostProvider>,
    );
    const field = fieldOf(html, 'movement-task').replace(/<!-- -->/g, '');
    expect(field).toContain(zhCN['materials.taskId']);
    expect(field).toMatch(/<select[^>]*data-testid="movement-task"/);
    expect(field).toContain('<option value="tsk_sand0001">向越秀南低洼点前置沙包 · 北京街</option>');
    expect(field).not.toContain('已办结的指令');
    expect(field).not.toContain('<input');
  });

  it('head a table with one column per key, and an empty heading for null', () => {
    const html = renderToString(
      <SliceHostProvider host={new SliceHost(fakeClient().client)}>
        <table>
          <TableHead columns={['materials.at', 'materials.item', null]} />
        </table>
      </SliceHostProvider>,
    );
    expect(html).toContain('<thead><tr><th>时间</th><th>物资名称</th><th></th></tr></thead>');
  });
});
