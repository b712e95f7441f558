// Type declarations for the untyped packages bulletin uses.

declare module 'unicode-properties' {
  const properties: {
    /** General category: 'Lu', 'Po', 'Ps', 'Zs'… */
    getCategory(codePoint: number): string;
    /** Script name: 'Han', 'Latin', 'Common'… */
    getScript(codePoint: number): string;
    /** East Asian Width: 'W', 'F', 'A', 'N', 'Na', 'H'. */
    getEastAsianWidth(codePoint: number): string;
    isMark(codePoint: number): boolean;
  };
  export default properties;
}

declare module 'linebreak' {
  /** UAX #14 line breaking opportunities. */
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}

declare module 'hyphen/en-us/index.js' {
  export function hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

declare module 'opencc-js/dict/*' {
  /** An OpenCC dictionary: `from to|from to|…`. */
  const dict: string;
  export default dict;
}
