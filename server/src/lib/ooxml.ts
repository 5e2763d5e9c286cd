import { fileTypeFromBuffer } from 'file-type';
import yauzl from 'yauzl';
import { AppError } from './app-error.ts';

/** What {@link assertSafeOoxml} says for each way a file can be refused (zh-CN). */
export interface OoxmlRules {
  /** MIME type file-type must find in the bytes (e.g. the .xlsx or .docx type) */
  mime: string;
  /** largest total uncompressed size the zip may declare, in bytes */
  maxUnpackedBytes: number;
  /** message for another type; gets what file-type found (undefined when nothing) */
  wrongType: (detected: { ext: string; mime: string } | undefined) => string;
  /** message for a zip whose central directory cannot be read */
  corrupt: string;
  /** message for a zip that would unpack past `maxUnpackedBytes` */
  tooLarge: string;
}

/**
 * Sum of the uncompressed sizes declared in a zip's central directory (nothing is inflated).
 * @throws Error when the bytes are not a readable zip
 */
export function declaredUnpackedSize(bytes: Buffer): Promise<number> {
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
 * Checks that uploaded bytes are an Office Open XML file (.xlsx, .docx …) of the expected type and
 * safe to open: the type is decided from the content (never the file name), and the declared
 * unpacked size is bounded, because a few hundred kilobytes of zip can unpack to gigabytes
 * ("zip bomb") and exceljs/mammoth unpack everything in memory.
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (415) for another type; BAD_REQUEST (400) for a broken
 *   zip; PAYLOAD_TOO_LARGE (413) when it would unpack to more than `rules.maxUnpackedBytes`
 */
export async function assertSafeOoxml(bytes: Buffer, rules: OoxmlRules): Promise<void> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== rules.mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', rules.wrongType(detected));
  let unpacked: number;
  try {
    unpacked = await declaredUnpackedSize(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', rules.corrupt);
  }
  if (unpacked > rules.maxUnpackedBytes) throw new AppError('PAYLOAD_TOO_LARGE', rules.tooLarge);
}
