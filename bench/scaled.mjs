// Synthetic issues for the benchmark and the byte guard (test/bytes.test.ts): the
// same function makes both, so the bench measures the issues whose bytes are guarded.

/** Issue 91 with every article's body repeated k times. */
export function scaled(yaml, k) {
  if (k === 1) return yaml;
  return yaml.replace(/( {8}body: \|\n)((?: {10}.*\n|\n)+?)(?= {6}- title:| {2}- title:|colophon:)/g, (_, head, body) => {
    const text = body.replace(/\n+$/, '\n');
    return head + Array.from({ length: k }, () => text).join('\n');
  });
}

/**
 * Issue 91 with figures: the i-th of `figures` (YAML mapping lines of a body block,
 * `image: photo.jpg` …, without the list dash) put after the first paragraph of
 * the i-th article.
 */
export function withFigures(yaml, figures) {
  let i = 0;
  return yaml.replace(/( {8})body: \|\n((?: {10}.*\n|\n)+?)(?= {6}- title:| {2}- title:|colophon:)/g, (whole, indent, body) => {
    const figure = figures[i++];
    if (figure === undefined) return whole;
    const [first, ...rest] = body.replace(/\n+$/, '').split(/\n\n/);
    const block = (text) => `${indent}  - |\n${text.replace(/^ {10}/gm, `${indent}    `)}\n`;
    const lines = figure.split('\n');
    const mapping = `${indent}  - ${lines[0]}\n${lines.slice(1).map((l) => `${indent}    ${l}\n`).join('')}`;
    return `${indent}body:\n${block(first)}${mapping}${rest.length > 0 ? block(rest.join('\n\n')) : ''}\n`;
  });
}
