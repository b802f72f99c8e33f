// What a chart's SVG may bring into the page (svg-sanitize.ts walks the parsed SVG with it).
// zrender writes text content escaped but attribute values as they are, and a remembered chart
// (chart-cache.ts) is read back from the profile; so nothing is trusted to be ECharts' own. An
// allow-list of what ECharts draws for our charts: shapes, text, gradients and clip paths, with
// presentation attributes; references only to ids in the same SVG; no scripts, handlers,
// stylesheets, links, images, foreign content or animation (which can set any attribute).
// Pure, so it is unit-tested under Node (svg-policy.test.ts).
export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan',
  'clipPath', 'linearGradient', 'radialGradient', 'stop',
]); // prettier-ignore

/** Geometry and presentation attributes ECharts writes (or could, for bar, line and text). */
const ATTRIBUTES = new Set([
  'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'd', 'points',
  'transform', 'viewBox', 'preserveAspectRatio', 'version', 'baseProfile',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'paint-order', 'clip-path', 'clip-rule',
  'clipPathUnits', 'visibility', 'display', 'pointer-events', 'shape-rendering', 'text-rendering', 'vector-effect',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor', 'dominant-baseline',
  'alignment-baseline', 'letter-spacing', 'text-decoration', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stop-color', 'stop-opacity',
  'id',
]); // prettier-ignore

/** Declarations a style attribute may keep: text and paint, nothing that positions or filters. */
const STYLE_PROPERTIES = new Set([
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'letter-spacing', 'text-anchor',
  'dominant-baseline', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-dasharray', 'opacity', 'paint-order', 'visibility',
]); // prettier-ignore

/** CSS functions a value may call: colours and transforms; url() only to an id in the SVG. */
const FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'translate', 'matrix', 'rotate', 'scale', 'skewx', 'skewy', 'url']);
const LOCAL_URL = /url\(\s*(['"]?)#[\w.:-]+\1\s*\)/gi;
const ID = /^[\w.:-]{1,100}$/;

export function allowedElement(ns: string | null, localName: string): boolean {
  return ns === SVG_NS && ELEMENTS.has(localName);
}

/**
 * A value as CSS will read it (presentation attributes are CSS values): no escapes, no markup,
 * no declaration or block breaks, and only the functions above, url() pointing inside the SVG.
 */
function valueAllowed(value: string): boolean {
  if (/[\\<>{};@]/.test(value)) return false;
  const rest = value.replace(LOCAL_URL, '');
  for (const [, fn] of rest.matchAll(/([a-zA-Z_-]*)\s*\(/g)) if (fn.toLowerCase() === 'url' || !FUNCTIONS.has(fn.toLowerCase())) return false;
  return true;
}

/** `ns` and `localName` as the parsed DOM gives them (xlink:href is XLINK_NS + "href"). */
export function allowedAttribute(ns: string | null, localName: string, value: string): boolean {
  // A gradient may refer to another in the same SVG; no other link of any kind.
  if (localName === 'href' && (ns === null || ns === XLINK_NS)) return /^#[\w.:-]{1,100}$/.test(value);
  if (ns === XML_NS) return localName === 'space' && (value === 'preserve' || value === 'default');
  if (ns !== null || !ATTRIBUTES.has(localName)) return false;
  if (localName === 'id') return ID.test(value);
  return valueAllowed(value);
}

export function allowedStyle(property: string, value: string): boolean {
  return STYLE_PROPERTIES.has(property.toLowerCase()) && valueAllowed(value);
}

/** A style attribute with only the allowed declarations, or '' when none is left. */
export function cleanStyle(style: string): string {
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const property = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).trim();
    if (value !== '' && allowedStyle(property, value)) kept.push(`${property}:${value}`);
  }
  return kept.join(';');
}
