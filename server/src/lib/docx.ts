import mammoth from 'mammoth';
import { AppError } from './app-error.ts';
import { assertSafeOoxml } from './ooxml.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Largest total uncompressed size of a Word document we agree to open (mammoth unpacks it in
 * memory). A notice of a few pages with a seal image unpacks to well under 5 MB.
 */
export const DOCX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * Checks that uploaded bytes are a .docx document that is safe to open: the type is decided from
 * the content (never the file name) and the declared unpacked size is bounded (zip bombs).
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (415) for anything but .docx (with a hint for .doc);
 *   BAD_REQUEST (400) for a broken file; PAYLOAD_TOO_LARGE (413) past {@link DOCX_MAX_UNPACKED_BYTES}
 */
export async function assertSafeDocx(bytes: Buffer): Promise<void> {
  await assertSafeOoxml(bytes, {
    mime: DOCX_MIME,
    maxUnpackedBytes: DOCX_MAX_UNPACKED_BYTES,
    wrongType: (detected) => {
      const hint = detected?.ext === 'doc' || detected?.ext === 'cfb' ? '；.doc 请先在 Word 或 WPS 中另存为 .docx' : '';
      return `只能上传 Word 文档（.docx）${hint}`;
    },
    corrupt: '文件已损坏或不是有效的 Word（.docx）文件',
    tooLarge: '该 Word 文件解压后过大，请删除其中的图片后重试',
  });
}

/**
 * The plain text of a .docx (checked with {@link assertSafeDocx} first), one paragraph per line:
 * mammoth ends every paragraph with a blank line, which is folded back to one line break so the
 * text reads like the notice as typed (empty paragraphs stay empty lines).
 * @throws AppError BAD_REQUEST (400) when mammoth cannot read the document or it holds no text
 */
export async function readDocxText(bytes: Buffer): Promise<string> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取该 Word 文件，请确认文件未损坏后重试');
  }
  const text = raw.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n').replace(/\n+$/, '');
  if (text.trim() === '') throw new AppError('BAD_REQUEST', 'Word 文件中没有文字，请上传通知正文');
  return text;
}
