// A camera-like photo made from a seed, for the benchmark and the tests: no binary
// file in the repository. A meeting room seen by a phone: a lit wall in a smooth
// gradient, a window, a table in perspective, heads and shoulders, a banner with
// high-contrast strokes, vignetting, and sensor noise (which is what makes a real
// photo costly to compress).
import { random } from './random.mjs';

/** Interleaved 8-bit RGB pixels, `width × height × 3` bytes. */
export function photo(width, height, seed = 1) {
  const rand = random(seed);
  const out = new Uint8Array(width * height * 3);
  const s = width / 4000;
  const heads = Array.from({ length: 9 }, (_, i) => ({
    x: (0.08 + i * 0.105 + (rand() - 0.5) * 0.03) * width,
    y: (0.52 + (rand() - 0.5) * 0.06) * height,
    r: (150 + rand() * 40) * s,
    tone: [180 + rand() * 40, 130 + rand() * 30, 100 + rand() * 30],
    suit: [20 + rand() * 40, 25 + rand() * 40, 40 + rand() * 60],
  }));
  // Gaussian noise from a table: fast, and still irregular enough for a JPEG encoder.
  const noise = new Float32Array(65536);
  for (let i = 0; i < noise.length; i++) {
    const u = rand() || 1e-9;
    noise[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()) * 5;
  }
  let n = Math.floor(rand() * 65536);
  for (let y = 0; y < height; y++) {
    const v = y / height;
    for (let x = 0; x < width; x++) {
      const u = x / width;
      // The wall: warm light from the left.
      let r = 200 - 60 * u + 20 * v;
      let g = 190 - 55 * u + 10 * v;
      let b = 170 - 40 * u;
      // A window, brighter, with mullions.
      if (u > 0.62 && u < 0.92 && v > 0.08 && v < 0.4) {
        const mullion = Math.abs(((u - 0.62) / 0.3) * 3 - Math.round(((u - 0.62) / 0.3) * 3)) < 0.02;
        [r, g, b] = mullion ? [90, 85, 80] : [235 - 30 * v, 240 - 20 * v, 250];
      }
      // A red banner with white strokes (characters seen from afar).
      if (v > 0.05 && v < 0.14 && u > 0.1 && u < 0.55) {
        const stroke = Math.sin(u * 900) > 0.6 && Math.sin(v * 420) > -0.4;
        [r, g, b] = stroke ? [245, 235, 225] : [190, 25, 30];
      }
      // People: heads, then dark suits below.
      for (const h of heads) {
        const dx = x - h.x;
        const dy = y - h.y;
        if (dx * dx + dy * dy * 0.7 < h.r * h.r) {
          const shade = 1 - (0.35 * (dx + dy)) / (2 * h.r);
          [r, g, b] = [h.tone[0] * shade, h.tone[1] * shade, h.tone[2] * shade];
        } else if (dy > h.r * 0.9 && Math.abs(dx) < h.r * (1.3 + (dy - h.r) / (h.r * 2))) {
          const fold = 1 + 0.15 * Math.sin(dx / (12 * s));
          [r, g, b] = [h.suit[0] * fold, h.suit[1] * fold, h.suit[2] * fold];
        }
      }
      // The table in front, in perspective, with wood grain.
      if (v > 0.72) {
        const depth = (v - 0.72) / 0.28;
        const grain = 12 * Math.sin((u - 0.5) * 80 / (0.3 + depth) + Math.sin(v * 60) * 2);
        [r, g, b] = [120 + grain + 40 * depth, 80 + grain * 0.7 + 25 * depth, 50 + grain * 0.4 + 10 * depth];
      }
      // Vignetting, then noise per channel.
      const vig = 1 - 0.35 * ((u - 0.5) ** 2 + (v - 0.5) ** 2);
      const o = (y * width + x) * 3;
      out[o] = clamp(r * vig + noise[n++ & 0xffff]);
      out[o + 1] = clamp(g * vig + noise[n++ & 0xffff] * 0.9);
      out[o + 2] = clamp(b * vig + noise[n++ & 0xffff] * 1.2);
      if ((x & 63) === 0) n = (n + Math.floor(rand() * 4096)) & 0xffff;
    }
  }
  return out;
}

function clamp(x) {
  return x < 0 ? 0 : x > 255 ? 255 : Math.round(x);
}
