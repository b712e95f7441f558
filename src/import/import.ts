/**
 * import: the plain text of a printed back issue → an issue file.
 *
 * The text is what a PDF-to-text tool gives for a printed issue (test/fixtures/
 * issue-91.txt): the masthead lines, the contents, the body, the colophon, one
 * printed paragraph a line with blank lines between, and blank lines wherever a
 * printed page broke. The importer reads it in four stretches:
 *
 * 1. The contents, found first: entries are lines ending in dot leaders and a page
 *    number (`- 市领导督导我区疫情防控工作..... 1`, the bullet optional); section
 *    names are the lines among them without. It ends before the first line that
 *    names a section a second time (the body's first heading), or that is a
 *    title of the contents, or that cannot be a name (a sentence).
 * 2. The masthead: the lines before the contents: period, serial, editor line and
 *    print date, known by their form.
 * 3. The body: its section headings and article titles are the lines most like a
 *    contents name or entry (`similar.ts`), at least SAME alike; a title printed
 *    on two lines may come as one line with a space where it broke, or as two
 *    lines in a row. An entry still unplaced may then take a title-like line that
 *    stands where it belongs in the contents' order, less alike (PLACED). Between
 *    titles, blank lines separate paragraphs, except that a paragraph that does
 *    not end with paragraph-final punctuation continues in the next block of text
 *    (a page broke it), unless that block is a heading, a title or the colophon.
 * 4. The colophon: from the first colophon field after the last title to the end.
 *
 * What it writes (and decides):
 * - The printed wording of titles and headings is kept; `toc:` is written when
 *   the contents' wording differs from the title's lines joined. A space in a title
 *   where the contents has none is where the printed title broke: `title: |-`.
 *   A heading worded differently from the contents keeps its printed wording.
 * - A line that looks like a title (short, no closing punctuation, not a page-break
 *   fragment) but matches no contents entry is imported as an article only right
 *   after a section heading, where nothing but a title can stand; inside an
 *   article it stays a paragraph, since a subheading looks the same. Both warn.
 * - Publication fields (name, editor) are not written; colophon fields are all
 *   written unless `defaults` gives the publication's, when only those that
 *   differ are (the issue overrides the publication key by key: same content).
 * - Whatever cannot be placed is reported and left out; an error means something
 *   the issue needs is missing (a masthead value, an article of the contents).
 *   Without errors the issue file loads.
 */
import { colophonSchema, issueSchema } from '../issue/definition.js';
import { titleLinesSpaced } from '../issue/text.js';
import { emitIssue, type Article, type ColophonValues, type IssueValues, type Section } from './emit.js';
import { colophonFields, entryLine, isoDate, mastheadLine, nameLike, numeral, type ColophonField, type ColophonKey } from './patterns.js';
import { PLACED, SAME, bound, similarity } from './similar.js';
import { comparable, endsParagraph, endsSentence, isWide, joinPieces, readLines, titleShaped, type Line } from './text.js';
import type { ImportOptions, ImportProblem, ImportResult } from './types.js';

export type { ImportOptions, ImportProblem, ImportResult, PublicationDefaults } from './types.js';

export function importIssue(text: string, options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const lines = readLines(text, problems);
  const importer = new Importer(lines, options, problems);
  const values = importer.run();
  // In the order of the text; at one place, errors first.
  const rank = (p: ImportProblem) => (p.severity === 'error' ? 0 : 1);
  problems.sort((a, b) => a.line - b.line || a.col - b.col || rank(a) - rank(b));
  return { yaml: emitIssue(values, options), problems, found: importer.found };
}

/**
 * Whether a text is a whole issue rather than one article: it has a serial number
 * (总第91期) and a contents entry, as the masthead and contents are known above.
 */
export function looksLikeIssue(text: string): boolean {
  const lines = readLines(text, []).filter((l) => l.text !== '');
  return lines.some((l) => mastheadLine(l.text)?.kind === 'serial') && lines.some((l) => entryLine(l.text) !== undefined);
}

/** A section name or an entry of the contents, in the contents' order. */
interface Item {
  kind: 'section' | 'entry';
  /** Its wording in the contents. */
  text: string;
  at: Line;
  /** Column of the wording. */
  col: number;
  /** Index among the items. */
  index: number;
  /** The section an entry is listed under. */
  section?: Item;
  page?: number;
  /** The body line index where it was found. */
  found?: number;
}

/** What stands in the body, in order. */
type Piece =
  | { kind: 'heading'; item: Item; line: Line }
  | { kind: 'title'; item: Item; lines: Line[]; loose?: number }
  | { kind: 'block'; lines: Line[] };

type Block = Extract<Piece, { kind: 'block' }>;

interface OpenSection extends Section {
  item?: Item;
}

interface OpenArticle {
  title: string[];
  toc?: string;
  at: Line;
  blocks: Block[];
}

class Importer {
  private readonly items: Item[] = [];
  private readonly values: IssueValues = { sections: [] };
  /** What the text says that belongs in a publication file. */
  readonly found: ImportResult['found'] = {};

  constructor(
    private readonly lines: Line[],
    private readonly options: ImportOptions,
    private readonly problems: ImportProblem[],
  ) {}

  run(): IssueValues {
    const contents = this.contents();
    if (!contents) {
      this.problem(this.first(), 'error', 'no contents found: expected entries such as "市领导督导我区疫情防控工作..... 1"', 0, 'copy the whole printed issue from its PDF: the masthead, the contents with their page numbers, then the articles');
      // Not a back issue, most likely: its lines are not worth a warning each.
      this.masthead(0, this.lines.length, false);
      return this.values;
    }
    this.masthead(0, contents.start);
    this.body(contents.end);
    if (this.values.sections.length === 0 && !this.problems.some((p) => p.severity === 'error')) {
      this.problem(this.first(), 'error', 'no article could be imported', 0, 'each title in the contents is looked for in the text after it, as printed; check that the articles were copied too');
    }
    return this.values;
  }

  // --- The contents ----------------------------------------------------------

  /** Finds the contents; fills `items`. Returns the line range it takes. */
  private contents(): { start: number; end: number } | undefined {
    const { lines } = this;
    const first = lines.findIndex((l) => l.text !== '' && !mastheadLine(l.text) && entryLine(l.text));
    if (first < 0) return undefined;
    let start = first;
    let section: Item | undefined;
    // The first section's name is the line before the first entry, unless that is the masthead's.
    const before = this.previous(first);
    if (before >= 0 && !mastheadLine(lines[before]!.text)) {
      start = before;
      section = this.item('section', lines[before]!, lines[before]!.text, lines[before]!.col);
    }
    let last = first;
    for (let i = first; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.text === '') continue;
      const entry = entryLine(line.text);
      if (entry) {
        last = i;
        if (!section) {
          this.problem(line, 'error', `contents entry "${entry.title}" comes before any section name; it is not imported`, entry.offset, 'put the name of its section (such as 本月关注) on a line of its own above it');
          continue;
        }
        const item = this.item('entry', line, entry.title, line.col + entry.offset);
        item.section = section;
        item.page = entry.page;
        continue;
      }
      const key = comparable(line.text);
      // The first section named a second time: the body's first heading.
      if (this.items.some((s) => s.kind === 'section' && comparable(s.text) === key)) break;
      const next = this.next(i);
      const nextIsEntry = next >= 0 && entryLine(lines[next]!.text) !== undefined;
      if (!nextIsEntry && this.items.some((e) => e.kind === 'entry' && similarity(e.text, line.text) >= SAME)) break;
      if (!nameLike(line.text)) break;
      section = this.item('section', line, line.text, line.col);
    }
    // Names after the last entry are the body's: give them back.
    while (this.items.length > 0 && this.items.at(-1)!.kind === 'section' && this.lineIndex(this.items.at(-1)!.at) > last) {
      this.items.pop();
    }
    for (const s of this.items.filter((s) => s.kind === 'section')) {
      if (!this.items.some((e) => e.section === s)) {
        this.problem(s.at, 'warning', `section "${s.text}" lists no article in the contents`);
      }
    }
    return { start, end: last + 1 };
  }

  private item(kind: Item['kind'], at: Line, text: string, col: number): Item {
    const item: Item = { kind, text, at, col, index: this.items.length };
    this.items.push(item);
    return item;
  }

  // --- The masthead ----------------------------------------------------------

  private masthead(from: number, to: number, warn = true): void {
    const { defaults } = this.options;
    const seen = new Set<string>();
    const once = (line: Line, what: string): boolean => {
      if (seen.has(what)) {
        this.problem(line, 'warning', `a second ${what} line; the first is kept`);
        return false;
      }
      seen.add(what);
      return true;
    };
    for (let i = from; i < to; i++) {
      const line = this.lines[i]!;
      if (line.text === '') continue;
      const m = mastheadLine(line.text);
      if (!m) {
        // A line before the masthead's known lines is its title, most likely.
        if (seen.size === 0 && this.found.name === undefined && nameLike(line.text)) this.found.name = line.text;
        if (!warn || (defaults?.name !== undefined && comparable(line.text) === comparable(defaults.name))) continue;
        this.problem(line, 'warning', `not recognised as a masthead line (period, serial number, editor, print date): "${line.text}"; left out`);
        continue;
      }
      switch (m.kind) {
        case 'serial':
          if (once(line, 'serial number')) {
            // The loader's bounds, so that what is imported without an error loads.
            const { maximum = Infinity } = issueSchema.properties.issue.properties.number;
            if (m.number === undefined || m.number < 1) this.problem(line, 'error', 'the serial number is not a positive number', 0, 'write it as printed, such as （总第91期）');
            else if (m.number > maximum) this.problem(line, 'error', `the serial number ${m.number} is more than ${maximum}`, 0, 'check the number against the printed issue');
            else this.values.number = m.number;
          }
          if (m.rest === '') break;
          // `2021年7月（总第106期）`: the period beside the serial.
          if (mastheadLine(m.rest)?.kind === 'period') {
            if (once(line, 'period')) this.values.period = m.rest;
          } else if (defaults?.name === undefined || comparable(m.rest) !== comparable(defaults.name)) {
            this.problem(line, 'warning', `not recognised as a period: "${m.rest}"; left out`);
          }
          break;
        case 'printed':
          if (once(line, 'print date')) {
            const date =
              m.year !== undefined && m.month !== undefined && m.day !== undefined ? isoDate(m.year, m.month, m.day) : undefined;
            if (date) this.values.printed = date;
            else this.problem(line, 'error', `no such date: "${line.text}"`, 0, 'check the print date against the printed issue, such as 2020年3月16日印');
          }
          break;
        case 'period':
          if (once(line, 'period')) this.values.period = m.text;
          break;
        case 'editor':
          this.found.editor ??= m.text;
          if (once(line, 'editor') && defaults?.editor !== undefined && comparable(m.text) !== comparable(defaults.editor)) {
            this.problem(
              line,
              'warning',
              `the editor line "${m.text}" differs from the publication's "${defaults.editor}"; an issue file cannot change it`,
            );
          }
          break;
        case 'contents':
        case 'notice':
          break;
      }
    }
    const at = this.first();
    if (this.values.period === undefined) this.problem(at, 'error', 'no period line (such as 2020年2月) before the contents', 0, 'the masthead of the printed issue has it above the contents; copy the text again from the PDF, or add the line');
    if (this.values.number === undefined && !seen.has('serial number')) {
      this.problem(at, 'error', 'no serial number (such as (总第91期)) before the contents', 0, 'the masthead of the printed issue has it above the contents; copy the text again from the PDF, or add the line');
    }
    if (this.values.printed === undefined && !seen.has('print date')) {
      this.problem(at, 'error', 'no print date (such as 2020年3月16日印) before the contents', 0, 'the masthead of the printed issue has it above the contents; copy the text again from the PDF, or add the line');
    }
  }

  // --- The body --------------------------------------------------------------

  private body(from: number): void {
    const units = this.findTitles(from);
    const lastUnit = units.size > 0 ? Math.max(...[...units.values()].map((u) => this.lastLineOf(u))) : from - 1;
    let colophon = this.lines.length;
    for (let i = lastUnit + 1; i < this.lines.length; i++) {
      if (this.lines[i]!.text !== '' && colophonFields(this.lines[i]!.text).length > 0) {
        colophon = i;
        break;
      }
    }
    const pieces = this.pieces(from, colophon, units);
    this.placeByOrder(pieces);
    this.structure(pieces);
    for (const item of this.items) {
      if (item.kind === 'entry' && item.found === undefined) {
        this.problem(item.at, 'error', `contents entry "${item.text}" (page ${item.page}) has no title in the body: its article is missing`, item.col - item.at.col, 'copy that page of the printed issue too, or remove the entry from the contents');
      }
    }
    if (colophon < this.lines.length) this.colophon(colophon);
    else this.problem(this.last(), 'warning', 'no colophon found (such as 发放范围：… or (共印 130 份)); the publication\'s is used');
  }

  /** Headings and titles: body line index → what it is. */
  private findTitles(from: number): Map<number, Piece> {
    const { lines } = this;
    const units = new Map<number, Piece>();
    const best = (text: string, kinds: Item['kind'][]) => {
      let found: { item: Item; score: number } | undefined;
      if (text === '' || endsSentence(text)) return found;
      for (const item of this.items) {
        if (item.found !== undefined || !kinds.includes(item.kind)) continue;
        if (bound(item.text, text) < SAME || (found && bound(item.text, text) <= found.score)) continue;
        const score = similarity(item.text, text);
        if (score >= SAME && (!found || score > found.score)) found = { item, score };
      }
      return found;
    };
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      const alone = best(line.text, ['section', 'entry']);
      const next = lines[i + 1];
      // A title printed on two lines may come as two lines in a row, the second
      // alike enough on its own when the first is short (`宋洁实地督导／新型冠状病毒…`).
      if (next && next.text !== '' && (!alone || alone.score < 1)) {
        const second = best(next.text, ['section', 'entry']);
        const both = best(joinPieces(line.text, next.text), ['entry']);
        if (both && both.score > (alone?.score ?? 0) && (!second || (second.item === both.item && both.score > second.score))) {
          both.item.found = i;
          units.set(i, { kind: 'title', item: both.item, lines: [line, next] });
          i++;
          continue;
        }
      }
      if (!alone) continue;
      alone.item.found = i;
      units.set(i, alone.item.kind === 'section' ? { kind: 'heading', item: alone.item, line } : { kind: 'title', item: alone.item, lines: [line] });
    }
    return units;
  }

  private lastLineOf(piece: Piece): number {
    const last = piece.kind === 'heading' ? piece.line : piece.lines.at(-1)!;
    return this.lineIndex(last);
  }

  /** The body as headings, titles and blocks of text lines. */
  private pieces(from: number, to: number, units: Map<number, Piece>): Piece[] {
    const out: Piece[] = [];
    let block: Line[] = [];
    const flush = () => {
      if (block.length > 0) out.push({ kind: 'block', lines: block });
      block = [];
    };
    for (let i = from; i < to; i++) {
      const unit = units.get(i);
      if (unit) {
        flush();
        out.push(unit);
        if (unit.kind === 'title') i += unit.lines.length - 1;
        continue;
      }
      const line = this.lines[i]!;
      if (line.text === '') flush();
      else block.push(line);
    }
    flush();
    return out;
  }

  /**
   * Entries still unplaced take the title-like block most like them between the
   * titles placed before and after them in the contents' order.
   */
  private placeByOrder(pieces: Piece[]): void {
    for (const item of this.items) {
      if (item.kind !== 'entry' || item.found !== undefined) continue;
      const before = this.items.slice(0, item.index).findLast((i) => i.found !== undefined)?.found ?? -1;
      const after = this.items.slice(item.index + 1).find((i) => i.found !== undefined)?.found ?? Infinity;
      let chosen: { at: number; score: number } | undefined;
      pieces.forEach((piece, p) => {
        if (piece.kind !== 'block' || !this.titleLike(pieces, p)) return;
        const at = this.lineIndex(piece.lines[0]!);
        if (at <= before || at >= after) return;
        const score = similarity(item.text, piece.lines[0]!.text);
        if (score >= PLACED && (!chosen || score > chosen.score)) chosen = { at: p, score };
      });
      if (!chosen) continue;
      const block = pieces[chosen.at] as Block;
      item.found = this.lineIndex(block.lines[0]!);
      pieces[chosen.at] = { kind: 'title', item, lines: block.lines, loose: chosen.score };
    }
  }

  /**
   * A block that looks like a title (or a subheading, `一、提高认识`): one short line
   * without closing punctuation or commas, that starts a paragraph (the text before it, if any, ended one) and
   * has text after it.
   */
  private titleLike(pieces: Piece[], p: number): boolean {
    const piece = pieces[p];
    if (piece?.kind !== 'block' || piece.lines.length !== 1) return false;
    if (!titleShaped(piece.lines[0]!.text)) return false;
    const prev = pieces[p - 1];
    if (prev?.kind === 'block' && !endsParagraph(prev.lines.at(-1)!.text)) return false;
    return pieces[p + 1]?.kind === 'block';
  }

  /** Sections and articles from the pieces, in the order printed. */
  private structure(pieces: Piece[]): void {
    let section: OpenSection | undefined;
    let article: OpenArticle | undefined;
    let furthest = -1;
    const opened = new Set<Item>();
    const closeArticle = () => {
      if (article && section) this.finishArticle(article, section);
      article = undefined;
    };
    const closeSection = () => {
      closeArticle();
      if (!section) return;
      if (section.articles.length > 0) this.values.sections.push(section);
      else if (section.item) this.problem(section.item.at, 'warning', `section "${section.title}" has no article in the body; left out`);
      section = undefined;
    };
    const openSection = (title: string, item: Item | undefined) => {
      closeSection();
      if (item) opened.add(item);
      section = { title, articles: [], ...(item ? { item } : {}) };
    };

    pieces.forEach((piece, p) => {
      switch (piece.kind) {
        case 'heading': {
          const printed = piece.line.text;
          if (printed !== piece.item.text) {
            this.problem(piece.line, 'warning', `the contents names this section "${piece.item.text}"; the heading's wording is kept`);
          }
          openSection(printed, piece.item);
          break;
        }
        case 'title': {
          closeArticle();
          const { item } = piece;
          const listed = item.section!;
          const first = piece.lines[0]!;
          if (section?.item !== listed) {
            if (listed.found === undefined && !opened.has(listed)) {
              this.problem(first, 'warning', `the heading of section "${listed.text}" is not in the body; the section starts at this title`);
              openSection(listed.text, listed);
            } else if (section) {
              this.problem(first, 'warning', `listed under "${listed.text}" in the contents, printed under "${section.title}"; kept where printed`);
            } else {
              this.problem(first, 'warning', `printed before the heading of its section "${listed.text}"; put in that section`);
              openSection(listed.text, listed);
            }
          }
          if (item.index < furthest) {
            this.problem(first, 'warning', `printed in a different order from the contents, where "${item.text}" comes earlier`);
          }
          furthest = Math.max(furthest, item.index);
          const title = piece.lines.flatMap((l) => titleLines(l.text, item.text));
          if (piece.loose !== undefined) {
            this.problem(
              first,
              'warning',
              `taken for the contents entry "${item.text}" (line ${item.at.line}) by its place, though worded differently (${Math.round(piece.loose * 100)}% alike)`,
            );
          }
          article = { title, at: first, blocks: [], ...(item.text !== joinTitle(title) ? { toc: item.text } : {}) };
          break;
        }
        case 'block': {
          const first = piece.lines[0]!;
          if (article) {
            article.blocks.push(piece);
          } else if (section && pieces[p - 1]?.kind === 'heading' && this.titleLike(pieces, p)) {
            this.problem(first, 'warning', `title "${first.text}" is not in the contents; imported as an article`);
            article = { title: titleLines(first.text, first.text), at: first, blocks: [] };
          } else if (section) {
            this.problem(first, 'warning', `text between the heading of section "${section.title}" and its first title; left out`);
          } else {
            this.problem(first, 'warning', 'text before the first section heading; left out');
          }
          break;
        }
      }
    });
    closeSection();
  }

  /** Paragraphs from blocks, joined where a page broke one; the article added if it has any. */
  private finishArticle(article: OpenArticle, section: OpenSection): void {
    const paragraphs: string[] = [];
    let open = false;
    article.blocks.forEach((block, b) => {
      const text = block.lines.map((l) => l.text).reduce(joinPieces, '');
      const stands = this.standsAlone(article.blocks, b);
      if (stands) {
        this.problem(block.lines[0]!, 'warning', `"${text}" looks like a title but is not in the contents; kept as a paragraph of its own`);
      }
      if (open && !stands) paragraphs[paragraphs.length - 1] = joinPieces(paragraphs.at(-1)!, text);
      else paragraphs.push(text);
      open = !stands && !endsParagraph(text);
    });
    const last = article.blocks.at(-1);
    if (paragraphs.length === 0) {
      this.problem(article.at, 'error', `the article "${article.title.join('')}" has no text; left out`, 0, 'copy its text from the printed issue, after its title');
      return;
    }
    if (last && open) {
      const line = last.lines.at(-1)!;
      this.problem(line, 'warning', 'the article ends in the middle of a sentence: is text missing?', line.text.length);
    }
    const out: Article = { title: article.title, body: paragraphs };
    if (article.toc !== undefined) out.toc = article.toc;
    section.articles.push(out);
  }

  /**
   * A title-like block inside an article (a subheading, a byline): a paragraph of
   * its own, not a fragment of one that a page broke.
   */
  private standsAlone(blocks: Block[], b: number): boolean {
    return this.titleLike(blocks, b);
  }

  // --- The colophon ----------------------------------------------------------

  private colophon(from: number): void {
    const found: ColophonValues = {};
    const where: Partial<Record<ColophonKey, Line>> = {};
    let distribution: { line: Line; text: string } | undefined;
    const set = ({ key, value, offset, valueOffset }: ColophonField, line: Line) => {
      if (where[key]) {
        this.problem(line, 'warning', `a second ${key} in the colophon; the first is kept`, offset);
        return;
      }
      offset = valueOffset;
      where[key] = line;
      switch (key) {
        case 'copies': {
          // The loader's bounds, so that what is imported without an error loads.
          const { minimum = 1, maximum = Infinity } = colophonSchema.properties.copies;
          const n = numeral(value);
          if (n === undefined || n < minimum) this.problem(line, 'error', `the print run "${value}" is not a positive number`, offset, 'write it as printed, such as （共印 130 份）');
          else if (n > maximum) this.problem(line, 'error', `the print run "${value}" is more than ${maximum}`, offset, 'check the number against the printed issue');
          else found.copies = n;
          break;
        }
        case 'email':
          if (colophonSchema.properties.email.pattern!.regex.test(value)) found.email = value;
          else this.problem(line, 'error', `"${value}" is not an e-mail address; left out`, offset, 'write the address as printed, such as sjqdfzbg@126.com');
          break;
        case 'distribution':
          distribution = { line, text: value };
          break;
        default:
          if (value === '') this.problem(line, 'warning', `the ${key} is empty; left out`, offset);
          else found[key] = value;
      }
    };
    for (let i = from; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.text === '') continue;
      const fields = colophonFields(line.text);
      if (fields.length === 0) {
        // The recipients may run on over several lines, to the full stop.
        if (distribution && !/[。.]$/u.test(distribution.text)) {
          distribution.text = joinPieces(distribution.text, line.text);
          continue;
        }
        this.problem(line, 'warning', `not recognised as a colophon line: "${line.text}"; left out`);
        continue;
      }
      for (const f of fields) set(f, line);
    }
    if (distribution) {
      const names = distribution.text
        .replace(/[。.]$/u, '')
        .split(/[，,；;]/u)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (names.length > 0) found.distribution = names;
      else this.problem(distribution.line, 'warning', 'the distribution names no recipient; left out');
    }
    this.found.colophon = found;
    this.values.colophon = this.ownColophon(found);
  }

  /** The colophon fields the issue file must give: all, or those that differ from the publication's. */
  private ownColophon(found: ColophonValues): ColophonValues {
    const given = this.options.defaults?.colophon;
    if (!given) return found;
    const out: ColophonValues = {};
    for (const key of Object.keys(found) as ColophonKey[]) {
      const mine = found[key];
      const theirs = given[key];
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) Object.assign(out, { [key]: mine });
    }
    return out;
  }

  // --- Helpers -----------------------------------------------------------------

  private lineIndex(line: Line): number {
    return line.index;
  }

  private previous(i: number): number {
    for (let j = i - 1; j >= 0; j--) if (this.lines[j]!.text !== '') return j;
    return -1;
  }

  private next(i: number): number {
    for (let j = i + 1; j < this.lines.length; j++) if (this.lines[j]!.text !== '') return j;
    return -1;
  }

  /** The first line with text (or the first line): where problems about the whole go. */
  private first(): Line {
    return this.lines.find((l) => l.text !== '') ?? this.lines[0] ?? { text: '', line: 1, col: 1, index: 0 };
  }

  /** The last line with text: where problems about the end go. */
  private last(): Line {
    return this.lines.findLast((l) => l.text !== '') ?? this.first();
  }

  private problem(at: Line, severity: ImportProblem['severity'], message: string, offset = 0, hint?: string): void {
    this.problems.push({ line: at.line, col: at.col + offset, severity, message, ...(hint === undefined ? {} : { hint }) });
  }
}

/**
 * The lines of a printed title. A space in it where the contents' wording has
 * none is where the printed title broke (the PDF's text gives a line break as a
 * space); where the wordings differ around a space, a space between two wide
 * characters is taken for a break, other spaces for spaces.
 */
export function titleLines(printed: string, toc: string): string[] {
  const parts = printed.split(/\s+/u);
  const lines: string[] = [parts[0]!];
  for (let k = 1; k < parts.length; k++) {
    const left = lines.at(-1)!;
    const right = parts[k]!;
    if (breaksBetween(left, right, toc)) lines.push(right);
    else lines[lines.length - 1] = `${left} ${right}`;
  }
  return lines;
}

function breaksBetween(left: string, right: string, toc: string): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const l = Array.from(left);
  const r = Array.from(right);
  for (let k = Math.min(3, l.length, r.length); k >= 1; k--) {
    const a = escape(l.slice(-k).join(''));
    const b = escape(r.slice(0, k).join(''));
    if (new RegExp(`${a}\\s+${b}`, 'u').test(toc)) return false;
    if (new RegExp(`${a}${b}`, 'u').test(toc)) return true;
  }
  return isWide(l.at(-1) ?? '') && isWide(r[0] ?? '');
}

/** A title's lines joined as the loader joins them for the contents: a space unless both sides are wide. */
export function joinTitle(lines: string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : titleLinesSpaced(text) ? `${text} ${line}` : text + line), '');
}
