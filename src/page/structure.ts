/**
 * The logical structure of the issue, for a tagged PDF: what a screen reader reads
 * and in what order, and what text selection and reflow follow. Leaves are the
 * blocks text runs belong to (RunTag.block); folios, rules and marks belong to none
 * and are artifacts.
 */
import type { Document } from '../document/index.js';
import type { StructNode } from './types.js';

/** The structure id of image k of a figure: the figure's own id when it has one image. */
export function figureImageId(block: { id: string; images: unknown[] }, k: number): string {
  return block.images.length === 1 ? block.id : `${block.id}.${k + 1}`;
}

export function structureOf(doc: Document): StructNode {
  const leaf = (role: StructNode['role'], id: string): StructNode => ({ role, id, children: [] });
  const masthead: StructNode = {
    role: 'Div',
    id: 'masthead',
    children: ['notice', 'name', 'period', 'editor', 'printed'].map((k) => leaf('P', `masthead.${k}`)),
  };
  const toc: StructNode = {
    role: 'TOC',
    id: 'toc',
    children: [leaf('Caption', 'toc.title'), ...doc.contents.map((e) => leaf('TOCI', `toc-${e.target}`))],
  };
  const sections: StructNode[] = [];
  let article: StructNode | undefined;
  for (const block of doc.flow) {
    switch (block.kind) {
      case 'section':
        sections.push({ role: 'Sect', id: `sect:${block.id}`, children: [leaf('H1', block.id)] });
        article = undefined;
        break;
      case 'title':
        article = { role: 'Art', id: `art:${block.id}`, children: [leaf('H2', block.id)] };
        sections.at(-1)?.children.push(article);
        break;
      case 'paragraph':
        article?.children.push(leaf('P', block.id));
        break;
      case 'subheading':
        article?.children.push(leaf('H3', block.id));
        break;
      case 'note':
        article?.children.push(leaf('Note', block.id));
        break;
      case 'figure':
        // A Figure for each image, with its own caption after it; the figure's caption last.
        block.images.forEach((image, k) => {
          const id = figureImageId(block, k);
          article?.children.push({ ...leaf('Figure', id), alt: image.caption?.text ?? block.caption?.text ?? '' });
          if (image.caption) article?.children.push(leaf('Caption', `${id}.caption`));
        });
        if (block.caption) article?.children.push(leaf('Caption', `${block.id}.caption`));
        break;
    }
  }
  const colophon: StructNode = { role: 'Div', id: 'colophon-div', children: [leaf('P', 'colophon')] };
  return { role: 'Document', id: 'document', children: [masthead, toc, ...sections, colophon] };
}
