/** Issue 91 with every article's body repeated k times (bench/scaled.mjs). */
export function scaled(yaml: string, k: number): string;
