import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWellFormedMp4 } from './iso-bmff.ts';

const box = (type: string, body: Buffer) => {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, body]);
};
const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]));
const dir = mkdtempSync(path.join(tmpdir(), 'bmff-'));
const check = async (bytes: Buffer) => {
  const f = path.join(dir, `${Math.random()}.mp4`);
  writeFileSync(f, bytes);
  return isWellFormedMp4(f, bytes.length);
};

describe('isWellFormedMp4', () => {
  it('accepts ftyp + moov + mdat tiling the file, also with a 64-bit size or a to-the-end mdat', async () => {
    expect(await check(Buffer.concat([ftyp, box('moov', Buffer.alloc(20)), box('mdat', Buffer.alloc(1000, 7))]))).toBe(true);
    const large = Buffer.alloc(16);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(BigInt(16 + 50), 8);
    expect(await check(Buffer.concat([ftyp, box('moov', Buffer.alloc(4)), large, Buffer.alloc(50)]))).toBe(true);
    const toEnd = Buffer.from([0, 0, 0, 0, 0x6d, 0x64, 0x61, 0x74]); // size 0 'mdat'
    expect(await check(Buffer.concat([ftyp, box('moov', Buffer.alloc(4)), toEnd, Buffer.alloc(300)]))).toBe(true);
  });

  it('refuses an MP4 header glued onto other bytes, a missing moov, or a box running past the end', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(3000, 0x90)]);
    expect(await check(Buffer.concat([ftyp, exe]))).toBe(false);
    expect(await check(Buffer.concat([ftyp, box('mdat', Buffer.alloc(100))]))).toBe(false);
    const truncated = Buffer.concat([ftyp, box('moov', Buffer.alloc(100))]).subarray(0, 60);
    expect(await check(truncated)).toBe(false);
    expect(await check(Buffer.concat([box('moov', Buffer.alloc(4)), ftyp]))).toBe(false);
  });
});
