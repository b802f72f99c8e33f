// A chart's SVG string to an element the page may show: parsed as XML (never as HTML, where
// markup in a value becomes elements), walked once with the allow-list of svg-policy.ts, then
// imported. Anything that does not parse as one SVG document is not shown at all. It costs a
// parse and a walk of a few hundred elements, about what innerHTML cost.
import { allowedAttribute, allowedElement, cleanStyle } from './svg-policy';

export function sanitizedSvg(markup: string): SVGSVGElement | null {
  // A DOCTYPE could declare entities that expand in the parser; ECharts never writes one.
  if (/<!DOCTYPE/i.test(markup)) return null;
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg' || !allowedElement(root.namespaceURI, root.localName)) return null;
  clean(root);
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

function clean(el: Element): void {
  for (const attr of Array.from(el.attributes)) {
    if (attr.namespaceURI === null && attr.localName === 'style') {
      const style = cleanStyle(attr.value);
      if (style) attr.value = style;
      else el.removeAttributeNode(attr);
    } else if (!allowedAttribute(attr.namespaceURI, attr.localName, attr.value)) {
      el.removeAttributeNode(attr);
    }
  }
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === Node.ELEMENT_NODE) {
      const c = child as Element;
      if (allowedElement(c.namespaceURI, c.localName)) clean(c);
      else c.remove();
    } else if (child.nodeType !== Node.TEXT_NODE) {
      child.remove(); // comments, CDATA (zrender's hover stylesheet), processing instructions
    }
  }
}
