// The shared refusal table of the console's .xlsx imports rendered to HTML (no browser needed): the
// caller's outer test id and refusal line, a row per problem with its row and column (— for the
// file or the row as a whole), the row test id the e2e tests find (import-problem unless the
// caller names its own), and nothing at all when there is no problem.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../state/context';
import { SliceHost } from '../state/slice';
import { fakeClient } from '../test-kit/fake-client';
import { ImportProblems, reasonText, type ImportProblem } from './XlsxImport';

const render = (props: { problems: ImportProblem[] | null; rowTestId?: string }) =>
  renderToString(
    <SliceHostProvider host={new SliceHost(fakeClient().client)}>
      <ImportProblems refusal="排班表未导入" testId="roster-import-problems" {...props} />
    </SliceHostProvider>,
  );

describe('an import refusal', () => {
  it('lists every problem with its row and column under the refusal line', () => {
    const html = render({
      problems: [
        { row: 0, column: '', reason: 'not a workbook' },
        { row: 3, column: '姓名', reason: 'empty' },
      ],
    });
    expect(html).toContain('data-testid="roster-import-problems"');
    expect(html).toContain('排班表未导入');
    expect(html.match(/data-testid="import-problem"/g)).toHaveLength(2);
    expect(html).toContain('data-row="3" data-column="姓名"');
    expect(html).toContain('<td class="tabular">—</td><td>—</td><td>not a workbook</td>');
  });

  it('says each reason in the page’s language when the hub gives both (issue 17)', () => {
    const html = render({ problems: [{ row: 3, column: '角色', reason: { zh: '“组长”不是角色', en: '“组长” is not a role' } }] });
    expect(html).toContain('<td>“组长”不是角色</td>');
    expect(html).not.toContain('is not a role');
    expect(reasonText({ zh: '为空', en: 'empty' }, 'en')).toBe('empty');
    expect(reasonText('not a workbook', 'zh-CN')).toBe('not a workbook');
  });

  it('takes the caller’s row test id, and shows nothing without problems', () => {
    expect(render({ problems: [{ row: 2, column: '人数', reason: 'x' }], rowTestId: 'teams-import-problem' })).toContain('data-testid="teams-import-problem"');
    expect(render({ problems: [] })).toBe('');
    expect(render({ problems: null })).toBe('');
  });
});
