// A small, safe XML reader for CAP documents: elements, attributes, text, CDATA, comments and
// processing instructions; the five predefined entities and character references. It refuses
// DOCTYPE (and with it every entity declaration: no external entities, no entity expansion),
// documents nested deeper than MAX_DEPTH, with more than MAX_NODES elements or with more than
// MAX_ATTRS attributes on one element. Namespace prefixes are resolved to their URIs so
// `cap:alert` and a default namespace read alike.
//
// Why not fast-xml-parser: it resolves no namespace URIs, accepts DOCTYPE (and expands its
// entities), leaves unknown entities as text and accepts a second root, and names errors only in
// its separate validator, in other words; a wrapper restoring all of that would be a second
// parser around it, and the two passes took ~550 ms on the 512 KiB document this one reads in tens.

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

/** An error of warnings' file readers said in both languages: `message` in English, `zh` the same for the page in Chinese. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly zh: string = message,
  ) {
    super(message);
  }
}

/** Not well-formed XML. */
export class XmlError extends ReadError {
  override name = 'XmlError';
}

// Every cost below is linear in the document: a CAP import or feed is read on the hub's event
// loop, so one quadratic step lets a 512 KiB message stall every console (issue 12: 75k
// attributes on one element blocked the hub 40 s). Attributes are checked for repeats with a
// set, namespace scopes are chained rather than copied into every element, and each limit is
// checked before the work it bounds.
const MAX_DEPTH = 64;
const MAX_NODES = 20_000;
/** A CAP element carries at most its namespace declarations; a wrapper a few more. */
const MAX_ATTRS = 256;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
// Sticky (y) patterns match at lastIndex in the document itself: no slice per tag or attribute,
// and no length cut-off that would misread a long attribute value as malformed.
const START_TAG = /<([^\s/>]+)/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g;

/** The 1-based line of offset i. Only called to word the one error that ends a parse. */
function lineOf(s: string, i: number): number {
  let n = 1;
  for (let k = s.indexOf('\n'); k >= 0 && k < i; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

function charRef(digits: string, radix: number, src: string, at: number): string {
  const code = parseInt(digits, radix);
  // Not a Unicode scalar value, or NUL: String.fromCodePoint would throw or embed it unnamed.
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
    throw new XmlError(
      `line ${lineOf(src, at)}: &#${radix === 16 ? 'x' : ''}${digits}; is not a character`,
      `第 ${lineOf(src, at)} 行：&#${radix === 16 ? 'x' : ''}${digits}; 不是有效字符`,
    );
  return String.fromCodePoint(code);
}

/** Replaces references in src[from, to); an error names the line of the offending &. */
function decode(src: string, from: number, to: number): string {
  const s = src.slice(from, to);
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole: string, ref: string | undefined, offset: number) => {
    const at = from + offset;
    if (ref === undefined) throw new XmlError(`line ${lineOf(src, at)}: a bare & (write &amp;)`, `第 ${lineOf(src, at)} 行：单独的 &（应写作 &amp;）`);
    if (ref.startsWith('#x')) return charRef(ref.slice(2), 16, src, at);
    if (ref.startsWith('#')) return charRef(ref.slice(1), 10, src, at);
    const v = PREDEFINED[ref];
    if (v === undefined)
      throw new XmlError(
        `line ${lineOf(src, at)}: unknown entity ${whole} (only the five XML entities are allowed)`,
        `第 ${lineOf(src, at)} 行：未知实体 ${whole}（只允许 XML 的五个实体）`,
      );
    return v;
  });
}

/** Namespace declarations of one element, chained to its parent's: looked up, never copied. */
interface Scope {
  decl: Map<string, string>;
  parent: Scope | null;
}

function lookup(scope: Scope | null, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const ns = s.decl.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

/** Local name and namespace URI of a qualified name; unprefixed attributes have no namespace. */
function resolve(qname: string, scope: Scope | null, attr: boolean, src: string, at: number): { name: string; ns: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { name: qname, ns: attr ? '' : (lookup(scope, '') ?? '') };
  const prefix = qname.slice(0, colon);
  if (prefix === 'xml') return { name: qname.slice(colon + 1), ns: XML_NS };
  const ns = lookup(scope, prefix);
  if (ns === undefined)
    throw new XmlError(`line ${lineOf(src, at)}: namespace prefix ${prefix}: is not declared`, `第 ${lineOf(src, at)} 行：命名空间前缀 ${prefix}: 未声明`);
  return { name: qname.slice(colon + 1), ns };
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

interface Open {
  el: XmlElement;
  qname: string;
  scope: Scope | null;
}

interface StartTag {
  qname: string;
  rawAttrs: [string, string][];
  selfClosing: boolean;
  /** Offset just past the tag. */
  end: number;
}

/** Reads the start tag at src[i] ('<' followed by a name). */
function readStartTag(src: string, i: number): StartTag {
  START_TAG.lastIndex = i;
  const m = START_TAG.exec(src);
  if (!m || !NAME.test(m[1])) throw new XmlError(`line ${lineOf(src, i)}: a malformed tag`, `第 ${lineOf(src, i)} 行：标签格式错误`);
  const qname = m[1];
  let j = START_TAG.lastIndex;
  const rawAttrs: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    while (j < src.length && isSpace(src.charCodeAt(j))) j++;
    if (j >= src.length) throw new XmlError(`line ${lineOf(src, i)}: <${qname}> is never closed`, `第 ${lineOf(src, i)} 行：<${qname}> 没有闭合`);
    if (src[j] === '>') return { qname, rawAttrs, selfClosing: false, end: j + 1 };
    if (src.startsWith('/>', j)) return { qname, rawAttrs, selfClosing: true, end: j + 2 };
    ATTRIBUTE.lastIndex = j;
    const am = ATTRIBUTE.exec(src);
    if (!am || !NAME.test(am[1]))
      throw new XmlError(`line ${lineOf(src, j)}: a malformed attribute in <${qname}>`, `第 ${lineOf(src, j)} 行：<${qname}> 中有格式错误的属性`);
    if (seen.has(am[1])) throw new XmlError(`line ${lineOf(src, j)}: attribute ${am[1]} is given twice`, `第 ${lineOf(src, j)} 行：属性 ${am[1]} 重复`);
    if (seen.size >= MAX_ATTRS)
      throw new XmlError(
        `line ${lineOf(src, i)}: <${qname}> has more than ${MAX_ATTRS} attributes: not a CAP document`,
        `第 ${lineOf(src, i)} 行：<${qname}> 的属性超过 ${MAX_ATTRS} 个，不是 CAP 文件`,
      );
    seen.add(am[1]);
    // The value's own offset, so an error inside it names its line.
    const valueAt = ATTRIBUTE.lastIndex - 1 - (am[2] ?? am[3] ?? '').length;
    rawAttrs.push([am[1], decode(src, valueAt, ATTRIBUTE.lastIndex - 1)]);
    j = ATTRIBUTE.lastIndex;
  }
}

export function parseXml(src: string): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      if (stack.length > 0) stack[stack.length - 1].el.text += decode(src, i, textEnd);
      else if (src.slice(i, textEnd).trim() !== '')
        throw new XmlError(`line ${lineOf(src, i)}: text outside the root element`, `第 ${lineOf(src, i)} 行：根元素之外有文字`);
      i = textEnd;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a comment is never closed`, `第 ${lineOf(src, i)} 行：注释没有闭合`);
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a CDATA section is never closed`, `第 ${lineOf(src, i)} 行：CDATA 段没有闭合`);
      if (stack.length === 0) throw new XmlError(`line ${lineOf(src, i)}: CDATA outside the root element`, `第 ${lineOf(src, i)} 行：根元素之外有 CDATA`);
      stack[stack.length - 1].el.text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<!', i)) {
      // DOCTYPE, ENTITY and friends: the door to entity expansion and external entities.
      throw new XmlError(
        `line ${lineOf(src, i)}: DOCTYPE and entity declarations are refused in a CAP document`,
        `第 ${lineOf(src, i)} 行：CAP 文件中不允许 DOCTYPE 和实体声明`,
      );
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: a processing instruction is never closed`, `第 ${lineOf(src, i)} 行：处理指令没有闭合`);
      i = end + 2;
    } else if (src.startsWith('</', i)) {
      const end = src.indexOf('>', i);
      if (end < 0) throw new XmlError(`line ${lineOf(src, i)}: an end tag is never closed`, `第 ${lineOf(src, i)} 行：结束标签没有闭合`);
      const qname = src.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open) throw new XmlError(`line ${lineOf(src, i)}: </${qname}> closes nothing`, `第 ${lineOf(src, i)} 行：</${qname}> 没有对应的开始标签`);
      if (open.qname !== qname)
        throw new XmlError(`line ${lineOf(src, i)}: </${qname}> closes <${open.qname}>`, `第 ${lineOf(src, i)} 行：</${qname}> 与 <${open.qname}> 不匹配`);
      i = end + 1;
    } else {
      if (++nodes > MAX_NODES) throw new XmlError(`more than ${MAX_NODES} elements: not a CAP document`, `元素超过 ${MAX_NODES} 个，不是 CAP 文件`);
      const { qname, rawAttrs, selfClosing, end } = readStartTag(src, i);
      const parentScope = stack.length > 0 ? stack[stack.length - 1].scope : null;
      const decl = new Map<string, string>();
      for (const [n, v] of rawAttrs) {
        if (n === 'xmlns') decl.set('', v);
        else if (n.startsWith('xmlns:')) decl.set(n.slice(6), v);
      }
      const scope = decl.size > 0 ? { decl, parent: parentScope } : parentScope;
      // No prototype: an attribute named __proto__ is just an attribute.
      const attrs = Object.create(null) as Record<string, string>;
      for (const [n, v] of rawAttrs) if (n !== 'xmlns' && !n.startsWith('xmlns:')) attrs[resolve(n, scope, true, src, i).name] = v;
      const { name, ns } = resolve(qname, scope, false, src, i);
      const el: XmlElement = { name, ns, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].el.children.push(el);
      else if (root) throw new XmlError(`line ${lineOf(src, i)}: a second root element <${qname}>`, `第 ${lineOf(src, i)} 行：出现第二个根元素 <${qname}>`);
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH)
          throw new XmlError(`line ${lineOf(src, i)}: elements nested deeper than ${MAX_DEPTH}`, `第 ${lineOf(src, i)} 行：元素嵌套超过 ${MAX_DEPTH} 层`);
        stack.push({ el, qname, scope });
      }
      i = end;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1].qname}> is never closed`, `<${stack[stack.length - 1].qname}> 没有闭合`);
  if (!root) throw new XmlError('no root element: the document is empty', '没有根元素：文件是空的');
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
