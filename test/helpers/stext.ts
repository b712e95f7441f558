/**
 * Glyph positions read back with MuPDF (`mutool draw -F stext`): one entry per
 * character with its origin, advance and font size, grouped into lines by
 * baseline. An independent view of where every glyph landed.
 */
import { execFileSync } from 'node:child_process';

export interface Glyph {
  c: string;
  /** Origin, points from the page's top-left corner. */
  x: number;
  y: number;
  /** Advance width (the width of the character's quad). */
  advance: number;
  size: number;
  font: string;
}

export interface TextLine {
  page: number;
  y: number;
  glyphs: Glyph[];
  text: string;
}

export function readGlyphs(pdf: string): TextLine[] {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', pdf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines: TextLine[] = [];
  const pages = xml.split('<page ').slice(1);
  pages.forEach((pageXml, p) => {
    const byY = new Map<number, Glyph[]>();
    for (const font of pageXml.split('<font ').slice(1)) {
      const name = /name="([^"]*)"/.exec(font)?.[1] ?? '';
      const size = Number(/size="([^"]*)"/.exec(font)?.[1] ?? 0);
      for (const m of font.matchAll(/<char quad="([^"]*)" x="([^"]*)" y="([^"]*)"[^>]*c="([^"]*)"/g)) {
        const q = m[1]!.split(' ').map(Number);
        const g: Glyph = { c: decode(m[4]!), x: Number(m[2]), y: Number(m[3]), advance: q[2]! - q[0]!, size, font: name };
        const key = Math.round(g.y * 10) / 10;
        byY.set(key, [...(byY.get(key) ?? []), g]);
      }
    }
    for (const [y, glyphs] of [...byY.entries()].sort(([a], [b]) => a - b)) {
      glyphs.sort((a, b) => a.x - b.x);
      lines.push({ page: p + 1, y, glyphs, text: glyphs.map((g) => g.c).join('') });
    }
  });
  return lines;
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
