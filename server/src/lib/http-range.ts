/** What a `Range` request header asks of a representation of `size` bytes. */
export type ByteRangeRequest =
  /** no usable Range header (absent, another unit, several ranges): send the whole file (200) */
  | { kind: 'full' }
  /** one satisfiable range, inclusive byte positions: send 206 with Content-Range */
  | { kind: 'partial'; start: number; end: number }
  /** a malformed or unsatisfiable byte range: send 416 with `Content-Range: bytes *\/size` */
  | { kind: 'unsatisfiable' };

/**
 * Reads a single HTTP byte range (RFC 9110 §14.1.2, §14.2): `bytes=first-last`, `bytes=first-`
 * (to the end) or `bytes=-suffix` (the last `suffix` bytes); `last` past the end is clamped. Other
 * units and multi-range requests are ignored (the whole file is sent, as the RFC allows), which is
 * all `<video>` players need. Malformed byte ranges, `first` at or past the end, `first > last`
 * and a zero suffix are unsatisfiable (416).
 * @param header the `Range` request header, if any
 * @param size the file's length in bytes
 */
export function parseByteRange(header: string | undefined, size: number): ByteRangeRequest {
  if (!header) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: 'full' };
  const spec = m[1]!.trim();
  if (spec.includes(',')) return { kind: 'full' };
  const r = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!r || (r[1] === '' && r[2] === '')) return { kind: 'unsatisfiable' };
  if (r[1] === '') {
    const suffix = Number(r[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(r[1]);
  const end = r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || start > end) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
