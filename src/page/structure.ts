/**
 * The logical structure of the issue, for a tagged PDF: what a screen reader reads
 * and in what order, and what text selection and reflow follow. Leaves are the
 * blocks text runs belong to (RunTag.block); folios, rules and marks belong to none
 * and are artifacts.
 */
import type { Document } from '../document/index.js';
import type { StructNode } from './types.js';

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
      case 'image':
        article?.children.push({ ...leaf('Figure', block.id), alt: block.caption?.text ?? '' });
        if (block.caption) article?.children.push(leaf('Caption', `${block.id}.caption`));
        break;
    }
  }
  const colophon: StructNode = { role: 'Div', id: 'colophon-div', children: [leaf('P', 'colophon')] };
  return { role: 'Document', id: 'document', children: [masthead, toc, ...sections, colophon] };
}
