// A deterministic generator (mulberry32), for the benchmark's synthetic input and
// the tests' random text: the same seed gives the same numbers on every machine.

/** Numbers in [0, 1) from a seed. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
