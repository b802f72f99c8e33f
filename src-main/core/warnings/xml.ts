// A small, safe XML reader for CAP documents: elements, attributes, text, CDATA, comments and
// processing instructions; the five predefined entities and character references. It refuses
// DOCTYPE (and with it every entity declaration: no external entities, no entity expansion),
// documents nested deeper than MAX_DEPTH and documents with more than MAX_NODES elements.
// Namespace prefixes are resolved to their URIs so `cap:alert` and a default namespace read alike.

export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element. */
  text: string;
}

export class XmlError extends Error {}

const MAX_DEPTH = 64;
const MAX_NODES = 20_000;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function lineOf(s: string, i: number): number {
  let n = 1;
  for (let k = 0; k < i && k < s.length; k++) if (s.charCodeAt(k) === 10) n++;
  return n;
}

function decode(s: string, at: () => number, src: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (_whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`line ${lineOf(src, at())}: a bare & (write &amp;)`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlError(`line ${lineOf(src, at())}: unknown entity &${ref}; (only the five XML entities are allowed)`);
    return v;
  });
}

interface Open {
  el: XmlElement;
  qname: string;
  scope: Record<string, string>;
}

export function parseXml(src: string): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;
  const here = (): number => i;

  const resolve = (qname: string, scope: Record<string, string>, attr = false): { name: string; ns: string } => {
    const colon = qname.indexOf(':');
    if (colon < 0) return { name: qname, ns: attr ? '' : (scope[''] ?? '') };
    const prefix = qname.slice(0, colon);
    if (prefix === 'xml') return { name: qname.slice(colon + 1), ns: 'http://www.w3.org/XML/1998/namespace' };
    const ns = scope[prefix];
    if (ns === undefined) throw new XmlError(`line ${lineOf(src, i)}: namespace prefix ${prefix}: is not declared`);
    return { name: qname.slice(colon + 1), ns };
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      if (stack.length > 0) stack[stack.length - 1].el.text += decode(text, here, src);
      else if (text.trim() !== '') throw new XmlError(`line ${lineOf(src, i)}: text outside the root element`);
      i = textEnd;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a comment is never closed`);
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a CDATA section is never closed`);
      if (stack.length === 0) throw new XmlError(`line ${lineOf(src, i)}: CDATA outside the root element`);
      stack[stack.length - 1].el.text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<!', i)) {
      // DOCTYPE, ENTITY and friends: the door to entity expansion and external entities.
      throw new XmlError(`line ${lineOf(src, i)}: DOCTYPE and entity declarations are refused in a CAP document`);
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a processing instruction is never closed`);
      i = end + 2;
    } else if (src.startsWith('</', i)) {
      const end = src.indexOf('>', i);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: an end tag is never closed`);
      const qname = src.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open) throw new XmlError(`line ${lineOf(src, i)}: </${qname}> closes nothing`);
      if (open.qname !== qname) throw new XmlError(`line ${lineOf(src, i)}: </${qname}> closes <${open.qname}>`);
      i = end + 1;
    } else {
      // A start tag: name, attributes (quoted), optional self-closing slash.
      const m = /^<([^\s/>]+)/.exec(src.slice(i, i + 300));
      if (!m || !NAME.test(m[1])) throw new XmlError(`line ${lineOf(src, i)}: a malformed tag`);
      const qname = m[1];
      let j = i + m[0].length;
      const rawAttrs: [string, string][] = [];
      for (;;) {
        while (j < src.length && /\s/.test(src[j])) j++;
        if (src[j] === '>' || src.startsWith('/>', j)) break;
        const am = /^([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(j, j + 2000));
        if (!am || !NAME.test(am[1])) throw new XmlError(`line ${lineOf(src, j)}: a malformed attribute in <${qname}>`);
        if (rawAttrs.some(([n]) => n === am[1])) throw new XmlError(`line ${lineOf(src, j)}: attribute ${am[1]} is given twice`);
        rawAttrs.push([am[1], decode(am[3] ?? am[4] ?? '', () => j, src)]);
        j += am[0].length;
      }
      if (j >= src.length) throw new XmlError(`line ${lineOf(src, i)}: <${qname}> is never closed`);
      const selfClosing = src[j] === '/';
      const parentScope = stack.length > 0 ? stack[stack.length - 1].scope : {};
      const scope = { ...parentScope };
      for (const [n, v] of rawAttrs) {
        if (n === 'xmlns') scope[''] = v;
        else if (n.startsWith('xmlns:')) scope[n.slice(6)] = v;
      }
      const attrs: Record<string, string> = {};
      for (const [n, v] of rawAttrs) if (n !== 'xmlns' && !n.startsWith('xmlns:')) attrs[resolve(n, scope, true).name] = v;
      const { name, ns } = resolve(qname, scope);
      const el: XmlElement = { name, ns, attrs, children: [], text: '' };
      if (++nodes > MAX_NODES) throw new XmlError(`more than ${MAX_NODES} elements: not a CAP document`);
      if (stack.length > 0) stack[stack.length - 1].el.children.push(el);
      else if (root) throw new XmlError(`line ${lineOf(src, i)}: a second root element <${qname}>`);
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlError(`line ${lineOf(src, i)}: elements nested deeper than ${MAX_DEPTH}`);
        stack.push({ el, qname, scope });
      }
      i = j + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1].qname}> is never closed`);
  if (!root) throw new XmlError('no root element: the document is empty');
  return root;
}

/** The first child element with this local name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string {
  return child(el, name)?.text.trim() ?? '';
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Every element with this local name, depth first (for documents that wrap several alerts). */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  if (el.name === name) out.push(el);
  else for (const c of el.children) descendants(c, name, out);
  return out;
}
