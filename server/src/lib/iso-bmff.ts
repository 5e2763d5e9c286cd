import { open } from 'node:fs/promises';

/**
 * A structural check of an MP4 (ISO base media file format, ISO/IEC 14496-12): the file must be a
 * sequence of top-level boxes (4-byte big-endian size + 4-character type; size 1 = a 64-bit size
 * follows, size 0 = to the end of the file) that tiles the file exactly, starting with `ftyp` and
 * holding a `moov` box. Sniffing the first bytes alone would accept anything with an MP4 header
 * glued on (e.g. an executable); this walks the whole file's box headers without reading the media.
 * @param file path of the stored file
 * @param size its length in bytes
 * @returns true when the box structure is sound
 */
export async function isWellFormedMp4(file: string, size: number): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    let offset = 0;
    let boxes = 0;
    let hasMoov = false;
    while (offset < size) {
      if (size - offset < 8) return false;
      const { bytesRead } = await fh.read(head, 0, 16, offset);
      if (bytesRead < 8) return false;
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) return false;
      if (boxes === 0 && type !== 'ftyp') return false;
      let header = 8;
      if (boxSize === 1) {
        if (bytesRead < 16) return false;
        const big = head.readBigUInt64BE(8);
        if (big > BigInt(Number.MAX_SAFE_INTEGER)) return false;
        boxSize = Number(big);
        header = 16;
      } else if (boxSize === 0) {
        boxSize = size - offset;
      }
      if (boxSize < header || offset + boxSize > size) return false;
      if (type === 'moov') hasMoov = true;
      offset += boxSize;
      boxes += 1;
      if (boxes > 100_000) return false;
    }
    return hasMoov;
  } finally {
    await fh.close();
  }
}
