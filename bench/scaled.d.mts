/** Issue 91 with every article's body repeated k times (bench/scaled.mjs). */
export function scaled(yaml: string, k: number): string;
/** Issue 91 with the i-th figure (YAML mapping lines) after the first paragraph of the i-th article (bench/scaled.mjs). */
export function withFigures(yaml: string, figures: string[]): string;
