// A draft form's fields hold still while its save is on its way, and only then.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DraftForm } from './DraftForm';

const render = (busy: boolean) =>
  renderToString(
    <DraftForm busy={busy} testId="f" onSubmit={() => undefined}>
      <input data-testid="name" />
      <button type="submit">send</button>
    </DraftForm>,
  );

describe('a draft form', () => {
  it('locks its fields while busy', () => {
    const html = render(true);
    expect(html).toMatch(/<form[^>]*aria-busy="true"/);
    expect(html).toMatch(/<fieldset class="form-lock" disabled="">/);
  });
  it('leaves them free otherwise', () => {
    const html = render(false);
    expect(html).not.toContain('disabled');
  });
});
