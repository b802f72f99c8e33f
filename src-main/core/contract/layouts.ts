// Wall layouts as rectangles on a grid. The renderer draws them with CSS grid; the core
// validates custom ones. Pure data and functions: shared by both sides.
import { z } from 'zod';

export const CellArea = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  w: z.number().int().min(1),
  h: z.number().int().min(1),
});
export type CellArea = z.infer<typeof CellArea>;

export const LayoutSpec = z
  .object({
    /** '1x1', '2x2', '3x3', '4x4', '1+5', '2+8' or 'custom'. */
    kind: z.enum(['1x1', '2x2', '3x3', '4x4', '1+5', '2+8', 'custom']),
    cols: z.number().int().min(1).max(8),
    rows: z.number().int().min(1).max(8),
    areas: z.array(CellArea).min(1).max(64),
  })
  .superRefine((layout, ctx) => {
    const taken = new Set<string>();
    layout.areas.forEach((a, i) => {
      if (a.x + a.w > layout.cols || a.y + a.h > layout.rows) {
        ctx.addIssue({ code: 'custom', path: ['areas', i], message: `cell ${i + 1} lies outside the ${layout.cols}×${layout.rows} grid` });
        return;
      }
      for (let x = a.x; x < a.x + a.w; x++)
        for (let y = a.y; y < a.y + a.h; y++) {
          const key = `${x},${y}`;
          if (taken.has(key))
            ctx.addIssue({ code: 'custom', path: ['areas', i], message: `cell ${i + 1} overlaps another cell at column ${x + 1}, row ${y + 1}` });
          taken.add(key);
        }
    });
  });
export type LayoutSpec = z.infer<typeof LayoutSpec>;

export type StandardLayoutKind = Exclude<LayoutSpec['kind'], 'custom'>;
export const STANDARD_LAYOUTS: readonly StandardLayoutKind[] = ['1x1', '2x2', '3x3', '4x4', '1+5', '2+8'];

function grid(kind: StandardLayoutKind, n: number): LayoutSpec {
  const areas: CellArea[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) areas.push({ x, y, w: 1, h: 1 });
  return { kind, cols: n, rows: n, areas };
}

/** The standard layouts of a command wall. */
export function standardLayout(kind: StandardLayoutKind): LayoutSpec {
  switch (kind) {
    case '1x1':
      return grid(kind, 1);
    case '2x2':
      return grid(kind, 2);
    case '3x3':
      return grid(kind, 3);
    case '4x4':
      return grid(kind, 4);
    case '1+5':
      // One large view (2×2) top left, five small around it on a 3×3 grid.
      return {
        kind,
        cols: 3,
        rows: 3,
        areas: [
          { x: 0, y: 0, w: 2, h: 2 },
          { x: 2, y: 0, w: 1, h: 1 },
          { x: 2, y: 1, w: 1, h: 1 },
          { x: 0, y: 2, w: 1, h: 1 },
          { x: 1, y: 2, w: 1, h: 1 },
          { x: 2, y: 2, w: 1, h: 1 },
        ],
      };
    case '2+8':
      // Two large views (2×2 each) on top, eight small below on a 4×4 grid.
      return {
        kind,
        cols: 4,
        rows: 4,
        areas: [{ x: 0, y: 0, w: 2, h: 2 }, { x: 2, y: 0, w: 2, h: 2 }, ...[2, 3].flatMap((y) => [0, 1, 2, 3].map((x) => ({ x, y, w: 1, h: 1 })))],
      };
  }
}
