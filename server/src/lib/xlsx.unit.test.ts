import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { assertSafeXlsx, XLSX_MAX_UNPACKED_BYTES } from './xlsx.ts';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('花名册').addRow(['乡镇', '机构名称']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('assertSafeXlsx', () => {
  it('accepts a real workbook', async () => {
    await expect(assertSafeXlsx(await workbook())).resolves.toBeUndefined();
  });

  it('rejects other content with 415, whatever the name would say', async () => {
    await expect(assertSafeXlsx(Buffer.from('乡镇,机构名称\n浔中镇,测试'))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    const zip = new JSZip();
    zip.file('readme.txt', 'just a zip');
    await expect(assertSafeXlsx(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toMatchObject({ status: 415 });
  });

  it('rejects a workbook that would unpack past the limit (zip bomb) with 413, without inflating it', async () => {
    const zip = await JSZip.loadAsync(await workbook());
    zip.file('xl/media/padding.bin', Buffer.alloc(XLSX_MAX_UNPACKED_BYTES + 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on the wire
    const before = process.memoryUsage().rss;
    await expect(assertSafeXlsx(bomb)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });
});
