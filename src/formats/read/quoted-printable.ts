/**
 * Decodes a QUOTED-PRINTABLE value (vCard 2.1) given as a binary string (one char per byte) into
 * bytes. Soft line breaks have already been joined by the normaliser; a stray `=` that starts no
 * escape is kept as it is, because old phones write unencoded `=` often enough.
 */
export function decodeQuotedPrintable(binary: string): Uint8Array {
  const length = binary.length;
  const out = new Uint8Array(length);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const code = binary.charCodeAt(i);
    if (code === 0x3d /* = */) {
      const high = hexValue(binary.charCodeAt(i + 1));
      const low = hexValue(binary.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out[n++] = high * 16 + low;
        i += 2;
        continue;
      }
      // A trailing "=" is a soft break whose next line was empty.
      if (i === length - 1) break;
    }
    out[n++] = code & 0xff;
  }
  return out.subarray(0, n);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}
