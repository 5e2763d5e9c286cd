import { describe, expect, it } from 'vitest';
import { parseByteRange } from './http-range.ts';

describe('parseByteRange', () => {
  it('sends the whole file without a usable Range header', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-5', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
  });

  it('reads first-last, first- and -suffix ranges; clamps last to the end', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=50-5000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseByteRange('Bytes = 0 - 0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
  });

  it('refuses malformed and unsatisfiable byte ranges', () => {
    for (const h of ['bytes=100-', 'bytes=100-200', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'bytes=abc', 'bytes=1-x', 'bytes=99999999999999999999-']) {
      expect(parseByteRange(h, 100), h).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
