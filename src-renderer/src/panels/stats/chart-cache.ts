// The last SVG each chart drew, remembered in the browser profile: a wall that restarts (after a
// power cut, say) shows its charts at once, without waiting for ECharts, whenever a chart's option
// and size are what they were. Anything else (new data, another language, a resized cell) is
// drawn afresh and replaces the entry.
const PREFIX = 'command-wall.chart.';

interface Entry {
  key: string;
  svg: string;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: nothing is remembered
  }
}

/** What a drawing depends on: the code that drew it, the option and the box it was drawn for. */
export function chartKey(renderer: string, option: unknown, width: number, height: number): string {
  return `${renderer} ${width}x${height} ${JSON.stringify(option)}`;
}

export function rememberedSvg(chartId: string, key: string): string | null {
  try {
    const raw = storage()?.getItem(PREFIX + chartId);
    if (!raw) return null;
    const entry = JSON.parse(raw) as Entry;
    return entry.key === key && typeof entry.svg === 'string' ? entry.svg : null;
  } catch {
    return null; // unreadable entry: draw afresh (and overwrite it)
  }
}

export function rememberSvg(chartId: string, key: string, svg: string): void {
  try {
    storage()?.setItem(PREFIX + chartId, JSON.stringify({ key, svg } satisfies Entry));
  } catch {
    /* storage full or disabled: the next start draws afresh */
  }
}

/** Whether this profile has drawn charts before (so the worker may not be needed at start). */
export function anyRememberedChart(): boolean {
  const s = storage();
  if (!s) return false;
  for (let i = 0; i < s.length; i++) if (s.key(i)?.startsWith(PREFIX)) return true;
  return false;
}
