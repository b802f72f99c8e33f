// The preset's layout: one of the standard wall layouts, or a custom grid of equal cells.
import type { LayoutSpec } from '@contract/layouts';
import { useT } from '../i18n/use-t';
import { Field } from './Field';
import { LAYOUT_CHOICES, MAX_GRID, type DraftAction, type LayoutChoice } from './preset-draft';

const SIZES = Array.from({ length: MAX_GRID }, (_, i) => i + 1);

export function LayoutPicker({ layout, dispatch }: { layout: LayoutSpec; dispatch(a: DraftAction): void }) {
  const t = useT();
  const size = (which: 'cols' | 'rows', n: number): void =>
    dispatch({ type: 'customSize', cols: which === 'cols' ? n : layout.cols, rows: which === 'rows' ? n : layout.rows });
  return (
    <div className="layout-picker">
      <Field label={t('console.layout')}>
        <select data-testid="layout-select" value={layout.kind} onChange={(e) => dispatch({ type: 'layout', kind: e.target.value as LayoutChoice })}>
          {LAYOUT_CHOICES.map((k) => (
            <option key={k} value={k}>
              {t(`layout.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {layout.kind === 'custom' && (
        <>
          <Field label={t('console.cols')}>
            <select data-testid="layout-cols" value={layout.cols} onChange={(e) => size('cols', Number(e.target.value))}>
              {SIZES.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
          <Field label={t('console.rows')}>
            <select data-testid="layout-rows" value={layout.rows} onChange={(e) => size('rows', Number(e.target.value))}>
              {SIZES.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
        </>
      )}
    </div>
  );
}
