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
