/**
 * Which encoding of an image a picture on a page uses: one per file and printed
 * width, so that an image printed at two sizes is at most `ppi` at each.
 */
export function imageKey(file: string, width: number): string {
  // Hundredths of a point: sizes from the same layout arithmetic compare equal.
  return `${Math.round(width * 100)}:${file}`;
}
