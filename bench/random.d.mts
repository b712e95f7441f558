/** A deterministic generator (mulberry32): numbers in [0, 1) from a seed (bench/random.mjs). */
export function random(seed: number): () => number;
