/**
 * The document's metadata as XMP, agreeing with the Info dictionary: pdfkit writes
 * its XMP without escaping (pdf-notes), so a title with `&` or `<` would make it
 * invalid XML; this writes the same fields, escaped, and a few more (ModifyDate,
 * the language).
 */

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date: from the issue, never the clock. */
  date: Date;
  creator: string;
  /** BCP 47: zh-CN. */
  lang: string;
}

/** The Keywords entry of the Info dictionary, and pdf:Keywords of the XMP. */
export function keywordsOf(meta: PdfMeta): string {
  return meta.keywords.join('；');
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** The rdf:Description elements of the XMP packet. */
export function xmpDescriptions(meta: PdfMeta): string {
  const e = escapeXml;
  const date = `${meta.date.toISOString().split('.')[0]}Z`;
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${date}</xmp:CreateDate>
            <xmp:ModifyDate>${date}</xmp:ModifyDate>
            <xmp:MetadataDate>${date}</xmp:MetadataDate>
            <xmp:CreatorTool>${e(meta.creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(meta.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${e(meta.author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(meta.subject)}</rdf:li></rdf:Alt></dc:description>
            <dc:language><rdf:Bag><rdf:li>${e(meta.lang)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${e(meta.creator)}</pdf:Producer>
            <pdf:Keywords>${e(keywordsOf(meta))}</pdf:Keywords>
        </rdf:Description>
`;
}
