/**
 * RGB to CMYK, once, for every image that is not CMYK already (T21: nothing in the
 * file is RGB or grey). The conversion is the one ISO 32000-1 §10.3.5 gives for
 * DeviceRGB to DeviceCMYK — c = 1 − r, m = 1 − g, y = 1 − b, k = min(c, m, y) — with
 * full black generation and under-colour removal (BG(k) = k, UCR(k) = k): greys
 * print in black ink alone, and no pixel takes more than 200% ink, which any paper
 * holds. It is what a RIP does with an RGB image no profile describes; a print
 * shop that wants its own separation is sent CMYK photos and those pass untouched.
 */

/** 8-bit RGB, three bytes a pixel (over white paper already) → 8-bit CMYK, four a pixel, 255 full ink. */
export function toCmyk(rgb: Uint8Array): Uint8Array {
  const n = Math.floor(rgb.length / 3);
  const out = new Uint8Array(n * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    const c = 255 - rgb[i]!;
    const m = 255 - rgb[i + 1]!;
    const y = 255 - rgb[i + 2]!;
    const k = c < m ? (c < y ? c : y) : m < y ? m : y;
    out[o] = c - k;
    out[o + 1] = m - k;
    out[o + 2] = y - k;
    out[o + 3] = k;
  }
  return out;
}
