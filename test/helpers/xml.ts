/**
 * A small, strict XML reader for XMP packets: it throws on anything that is not
 * well-formed (unbalanced or crossed tags, a raw `<` or a bare `&` in text or in an
 * attribute, an unknown entity, a duplicate attribute, an undeclared namespace
 * prefix, content after the root element) and resolves namespaces, so that a
 * property is found by its namespace URI whatever prefix the packet uses. No
 * DTDs: an XMP packet has none.
 */

export interface XmlElement {
  /** The qualified name as written: `dc:title`. */
  name: string;
  ns: string | undefined;
  local: string;
  attrs: XmlAttr[];
  children: (XmlElement | string)[];
}

export interface XmlAttr {
  name: string;
  ns: string | undefined;
  local: string;
  value: string;
}

export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
} as const;

const NAME = /^[\p{L}_:][\p{L}\p{N}\p{Mn}\p{Mc}_:.\-\u00B7]*/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlError extends Error {}

export function parseXml(source: string): XmlElement {
  let pos = source.startsWith('\uFEFF') ? 1 : 0;
  const fail = (message: string): never => {
    const line = source.slice(0, pos).split('\n').length;
    throw new XmlError(`${message} (line ${line})`);
  };
  const startsWith = (s: string) => source.startsWith(s, pos);
  const skipSpace = () => {
    while (pos < source.length && ' \t\r\n'.includes(source[pos]!)) pos++;
  };
  const name = (): string => {
    const m = NAME.exec(source.slice(pos, pos + 256));
    if (!m) return fail('a name expected');
    pos += m[0].length;
    return m[0];
  };
  /** Text with its references replaced; `<` is never allowed in it. */
  const decode = (raw: string, where: string): string =>
    raw.replace(/&([#\w.:-]*);|&|</g, (all, ref: string | undefined) => {
      if (all === '<') return fail(`a raw < in ${where}`);
      if (ref === undefined) return fail(`a bare & in ${where}`);
      if (ENTITIES[ref] !== undefined) return ENTITIES[ref]!;
      const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (!num) return fail(`unknown entity &${ref}; in ${where}`);
      const code = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
      const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) return fail(`character reference &${ref}; to a character XML does not allow`);
      return String.fromCodePoint(code);
    });
  const misc = () => {
    for (;;) {
      skipSpace();
      if (startsWith('<?')) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (startsWith('<!--')) {
        const end = source.indexOf('-->', pos + 4);
        if (end < 0) fail('unterminated comment');
        if (source.slice(pos + 4, end).includes('--')) fail('-- inside a comment');
        pos = end + 3;
      } else if (startsWith('<!DOCTYPE')) {
        fail('a DOCTYPE, which an XMP packet does not have');
      } else return;
    }
  };

  const element = (scope: Map<string, string>): XmlElement => {
    if (!startsWith('<')) fail('< expected');
    pos++;
    const qname = name();
    const raw: { name: string; value: string }[] = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (pos === before) fail(`white space expected between attributes of <${qname}>`);
      const an = name();
      skipSpace();
      if (source[pos] !== '=') fail(`= expected after ${an}`);
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") return fail(`a quoted value expected for ${an}`);
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const value = decode(source.slice(pos + 1, end), `attribute ${an}`);
      pos = end + 1;
      if (raw.some((a) => a.name === an)) fail(`duplicate attribute ${an} on <${qname}>`);
      raw.push({ name: an, value });
    }
    const inner = new Map(scope);
    for (const a of raw) {
      if (a.name === 'xmlns') inner.set('', a.value);
      else if (a.name.startsWith('xmlns:')) {
        if (a.value === '') fail(`empty namespace for ${a.name}`);
        inner.set(a.name.slice(6), a.value);
      }
    }
    const resolve = (q: string, isAttr: boolean): { ns: string | undefined; local: string } => {
      const colon = q.indexOf(':');
      if (colon < 0) return { ns: isAttr ? undefined : inner.get(''), local: q };
      const prefix = q.slice(0, colon);
      const local = q.slice(colon + 1);
      if (!local || local.includes(':')) fail(`bad qualified name ${q}`);
      if (prefix === 'xmlns') return { ns: 'xmlns', local };
      if (prefix === 'xml') return { ns: NS.xml, local };
      const ns = inner.get(prefix);
      if (ns === undefined) fail(`undeclared namespace prefix ${prefix} in ${q}`);
      return { ns, local };
    };
    const attrs: XmlAttr[] = raw.map((a) => ({ ...a, ...resolve(a.name, true) }));
    const seen = new Set<string>();
    for (const a of attrs) {
      const key = `${a.ns}|${a.local}`;
      if (a.ns !== 'xmlns' && seen.has(key)) fail(`attribute ${a.local} twice in one namespace`);
      seen.add(key);
    }
    const el: XmlElement = { name: qname, ...resolve(qname, false), attrs, children: [] };
    if (startsWith('/>')) {
      pos += 2;
      return el;
    }
    pos++; // >
    for (;;) {
      const lt = source.indexOf('<', pos);
      if (lt < 0) fail(`<${qname}> not closed`);
      const text = source.slice(pos, lt);
      if (text.includes(']]>')) fail(']]> in text');
      if (text) el.children.push(decode(text, `the text of <${qname}>`));
      pos = lt;
      if (startsWith('</')) {
        pos += 2;
        const closing = name();
        skipSpace();
        if (source[pos] !== '>') fail(`> expected after </${closing}`);
        pos++;
        if (closing !== qname) fail(`</${closing}> closes <${qname}>`);
        return el;
      }
      if (startsWith('<![CDATA[')) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA section');
        el.children.push(source.slice(pos + 9, end));
        pos = end + 3;
      } else if (startsWith('<!--') || startsWith('<?')) {
        misc();
      } else el.children.push(element(inner));
    }
  };

  misc();
  if (pos >= source.length) fail('no root element');
  const root = element(new Map());
  misc();
  if (pos < source.length) fail('content after the root element');
  return root;
}

export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    yield c;
    yield* descendants(c);
  }
}

/**
 * An XMP property's values: from every rdf:Description, the property given as an
 * attribute or as an element; an rdf:Alt gives its x-default item (or its first),
 * an rdf:Seq or rdf:Bag all its items, a simple element its text. Undefined when
 * the packet does not have it.
 */
export function xmpProperty(root: XmlElement, ns: string, local: string): string[] | undefined {
  for (const d of [root, ...descendants(root)]) {
    if (d.ns !== NS.rdf || d.local !== 'Description') continue;
    const attr = d.attrs.find((a) => a.ns === ns && a.local === local);
    if (attr) return [attr.value];
    for (const p of d.children) {
      if (typeof p === 'string' || p.ns !== ns || p.local !== local) continue;
      const container = p.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === NS.rdf && ['Alt', 'Seq', 'Bag'].includes(c.local));
      if (!container) return [textContent(p)];
      const items = container.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === NS.rdf && c.local === 'li');
      if (container.local === 'Alt') {
        const def = items.find((li) => li.attrs.some((a) => a.ns === NS.xml && a.local === 'lang' && a.value === 'x-default'));
        const chosen = def ?? items[0];
        return chosen ? [textContent(chosen)] : [];
      }
      return items.map(textContent);
    }
  }
  return undefined;
}
