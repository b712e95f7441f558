/**
 * Text as set by the last build of a document, kept for the next: `--watch`
 * builds an issue again after each edit, and an edit changes a paragraph or two
 * of a hundred. Setting is a pure function of the text, what it is set with
 * (the parameters) and the fonts, so a paragraph met again under the same three
 * is taken as it was set, and only what changed is set again; the pages are then
 * broken anew over all of it, as a first build breaks them, and the bytes are
 * those of a first build.
 *
 * One memo serves one document: a build keeps what it used, and lets go of what
 * the build before it set and it did not (an old version of an edited paragraph).
 */
export class SetMemo {
  /** What the build before this one used, by key. */
  private last = new Map<string, unknown>();
  /** What this build has used so far. */
  private current = new Map<string, unknown>();

  /** Start a build: what the last build did not use again is let go. */
  begin(): void {
    this.last = this.current;
    this.current = new Map();
  }

  /**
   * The value of `key`, made by `make` unless a build made it already. The key
   * must hold everything the value depends on (`keyOf`).
   */
  take<T>(key: string, make: () => T): T {
    if (this.current.has(key)) return this.current.get(key) as T;
    const value = this.last.has(key) ? (this.last.get(key) as T) : make();
    this.current.set(key, value);
    return value;
  }

  /** Entries kept: what this build has used so far. */
  get size(): number {
    return this.current.size;
  }
}

/**
 * A key for `take`: the fonts' identity (FontSet.identity: the faces of each role,
 * and whether one was opened again since), what is set, its parameters as JSON
 * (sets of characters as their sorted characters) and the text itself.
 */
export function keyOf(fonts: string, what: string, params: object, text: string): string {
  const json = JSON.stringify(params, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<string>)].sort().join('') : v));
  return `${fonts}\u0000${what}\u0000${json}\u0000${text}`;
}
