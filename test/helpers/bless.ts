/**
 * `BULLETIN_BLESS`: which recorded outputs a run writes anew instead of checking.
 * `dump` the golden dumps (test/golden.test.ts), `hashes` the PDF hashes
 * (test/bytes.test.ts): two steps, so that the dumps' diff is read before the
 * hashes that follow from it are accepted. Any other value is refused rather than
 * taken to mean both.
 */
export type Blessed = 'dump' | 'hashes';

export function blessing(what: Blessed): boolean {
  const asked = process.env.BULLETIN_BLESS;
  if (asked === undefined || asked === '') return false;
  if (asked !== 'dump' && asked !== 'hashes') {
    throw new Error(`BULLETIN_BLESS=${asked}: bless the golden dumps with BULLETIN_BLESS=dump, then the PDF hashes with BULLETIN_BLESS=hashes`);
  }
  return asked === what;
}
