import { assertSafeOoxml } from './ooxml.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Largest total uncompressed size of a workbook we agree to open. An .xlsx is a zip: a few
 * hundred kilobytes can unpack to gigabytes ("zip bomb"), and exceljs unpacks everything in memory.
 * 100 MB is ~50× what a 5,000-row roster needs.
 */
export const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * Checks that uploaded bytes are an .xlsx workbook that is safe to open: the type is decided from
 * the content (never the file name), and the declared unpacked size is bounded
 * (see {@link assertSafeOoxml}).
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (415) for anything else than .xlsx (with a hint for .xls);
 *   BAD_REQUEST (400) for a broken file; PAYLOAD_TOO_LARGE (413) when it would unpack to more than
 *   {@link XLSX_MAX_UNPACKED_BYTES}
 */
export async function assertSafeXlsx(bytes: Buffer): Promise<void> {
  await assertSafeOoxml(bytes, {
    mime: XLSX_MIME,
    maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES,
    wrongType: (detected) => {
      const hint = detected?.ext === 'xls' || detected?.ext === 'cfb' ? '；.xls 请先在 Excel 或 WPS 中另存为 .xlsx' : '';
      return `只能导入 Excel 工作簿（.xlsx）${hint}`;
    },
    corrupt: '文件已损坏或不是有效的 Excel（.xlsx）文件',
    tooLarge: '该 Excel 文件解压后过大，请删除无关的工作表或图片后重试',
  });
}
