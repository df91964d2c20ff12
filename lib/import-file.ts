/**
 * What every imported file (a backup or a CSV file) must be before it is parsed: small enough,
 * and UTF-8 text. Pure; the options page checks the file's size before reading it, and
 * lib/backup and lib/csv check the text again before parsing, whoever sent it.
 *
 * The size limit, 30 MiB: the file travels to the background in one runtime message, which
 * Chrome refuses above 64 MiB of JSON (measured: the limit counts the message's UTF-8 bytes
 * after JSON escaping). Quotes, backslashes, tabs and line breaks are escaped to two
 * characters, so 30 MiB of text is at most 60 MiB on the wire; other control characters (six
 * on the wire) are refused as binary before sending. A backup of 10,000 deals with their
 * contacts, companies, activities and follow-ups is about 20 MB.
 */

export const IMPORT_MAX_BYTES = 30 * 1024 * 1024;

/** UTF-8 size of a string without encoding a copy of it. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** "12.3 MB" (MiB, as the limit is written). */
export function megabytes(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/** Whether `text` is over `max` bytes, counting only when its length leaves a doubt. */
export function overLimit(text: string, max = IMPORT_MAX_BYTES): boolean {
  // A string has at least as many UTF-8 bytes as UTF-16 units, and at most three per unit.
  return text.length > max || (text.length * 3 > max && utf8Bytes(text) > max);
}

/** "The file is 31.2 MB, more than the 30 MB Leadline imports at once." */
export function tooLargeMessage(text: string, max = IMPORT_MAX_BYTES): string {
  return `The file is ${megabytes(utf8Bytes(text))}, more than the ${megabytes(max)} Leadline imports at once. Nothing was imported.`;
}

export type EncodingProblem = 'utf16' | 'binary';

/**
 * Why `text` (a file read as UTF-8) is not UTF-8 text, or `undefined`. Looks at its start only:
 * UTF-16 (Excel's "Unicode Text") reads as a NUL between every character; a workbook, a zip or
 * a PDF as NULs, replacement characters and control characters.
 */
export function encodingProblem(
  text: string,
): { problem: EncodingProblem; looksLike?: 'zip' | 'pdf'; message: string } | undefined {
  const head = text.slice(0, 4000);
  if (!head) return undefined;
  let nul = 0;
  let junk = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) nul++;
    else if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 127) junk++;
  }
  if (nul > head.length / 4) {
    return {
      problem: 'utf16',
      message:
        'This file is saved as UTF-16 text, which Leadline does not read. Save it as UTF-8 (in Excel: CSV UTF-8) and import it again. Nothing was imported.',
    };
  }
  const zip = head.startsWith('PK\u0003\u0004');
  const pdf = head.startsWith('%PDF-');
  if (nul > 0 || junk > head.length / 50 || zip || pdf) {
    const what = zip ? ' (it looks like an Excel workbook or a zip archive)' : pdf ? ' (it looks like a PDF)' : '';
    return {
      problem: 'binary',
      looksLike: zip ? 'zip' : pdf ? 'pdf' : undefined,
      message: `This is not a text file${what}: it may be corrupted, or another kind of file. Nothing was imported.`,
    };
  }
  return undefined;
}
