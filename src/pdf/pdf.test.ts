/**
 * The writer's own pieces: XMP escaping, subset tags from the glyph set.
 */
import { describe, expect, it } from 'vitest';
import type { EmbeddedFont } from './fonts.js';
import { tagSubset } from './fonts.js';
import { escapeXml, xmpDescriptions } from './metadata.js';

function font(name: string, glyphs: number[]): EmbeddedFont {
  return { id: 'F1', name, subset: { includeGlyph: () => 0, glyphs }, widths: [], unicode: [], ref: () => null };
}

describe('PDF writer pieces', () => {
  it('escapes the XMP so a title with & and < stays well-formed', () => {
    expect(escapeXml('A&B <C> "D" \'E\'')).toBe('A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;');
    const xmp = xmpDescriptions({ title: '史志 & <简报>', author: '编', subject: 's', keywords: ['a&b'], date: new Date(Date.UTC(2020, 2, 16)), creator: 'bulletin 1', lang: 'zh-CN' });
    expect(xmp).toContain('<rdf:li xml:lang="x-default">史志 &amp; &lt;简报&gt;</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2020-03-16T00:00:00Z</xmp:CreateDate>');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('tags a subset with six capitals from its glyphs: the same glyphs the same tag, others another', () => {
    const a = font('NotoSerifSC-Regular', [0, 5, 9]);
    const tag = tagSubset(a);
    expect(tag).toMatch(/^[A-Z]{6}$/);
    // pdfkit reads the id's characters 1–6, each plus 17, as the tag.
    expect([...a.id.slice(1)].map((c) => String.fromCharCode(c.charCodeAt(0) + 17)).join('')).toBe(tag);
    expect(tagSubset(font('NotoSerifSC-Regular', [0, 5, 9]))).toBe(tag);
    expect(tagSubset(font('NotoSerifSC-Regular', [0, 5, 10]))).not.toBe(tag);
    expect(tagSubset(font('NotoSerifSC-Bold', [0, 5, 9]))).not.toBe(tag);
  });
});
