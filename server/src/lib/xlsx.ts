import { fileTypeFromBuffer } from 'file-type';
import yauzl from 'yauzl';
import { AppError } from './app-error.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Largest total uncompressed size of a workbook we agree to open. An .xlsx is a zip: a few
 * hundred kilobytes can unpack to gigabytes ("zip bomb"), and exceljs unpacks everything in memory.
 * 100 MB is ~50× what a 5,000-row roster needs.
 */
export const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/** Sum of the uncompressed sizes declared in the zip's central directory (nothing is inflated). */
function declaredUnpackedSize(bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      let total = 0;
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        zip.readEntry();
      });
      zip.on('end', () => resolve(total));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Checks that uploaded bytes are an .xlsx workbook that is safe to open: the type is decided from
 * the content (never the file name), and the declared unpacked size is bounded.
 * @param hint a zh-CN sentence to add for a wrong type (e.g. how to convert .xls)
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (415) for anything else than .xlsx;
 *   PAYLOAD_TOO_LARGE (413) when it would unpack to more than {@link XLSX_MAX_UNPACKED_BYTES}
 */
export async function assertSafeXlsx(bytes: Buffer): Promise<void> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== XLSX_MIME) {
    const hint = detected?.ext === 'xls' || detected?.ext === 'cfb' ? '；.xls 请先在 Excel 或 WPS 中另存为 .xlsx' : '';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `只能导入 Excel 工作簿（.xlsx）${hint}`);
  }
  let unpacked: number;
  try {
    unpacked = await declaredUnpackedSize(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', '文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  if (unpacked > XLSX_MAX_UNPACKED_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '该 Excel 文件解压后过大，请删除无关的工作表或图片后重试');
  }
}
