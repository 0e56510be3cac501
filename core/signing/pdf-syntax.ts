// The few pieces of PDF syntax the signature finder reads straight from the
// bytes (ISO 32000-1 §7.3, §7.9): strings, names, dates and object headers.
// `text` is always the file decoded as latin1, so string offsets are byte offsets.

export interface PdfObjectBounds {
  number: number;
  generation: number;
  /** Offset of the "N G obj" header. */
  start: number;
  /** Offset of the closing "endobj" (or the end of the file when missing). */
  end: number;
}

/** The indirect object whose body contains `offset`, or null when `offset` is between objects. */
export function enclosingObject(text: string, offset: number): PdfObjectBounds | null {
  for (let at = text.lastIndexOf('obj', offset); at > 0; at = text.lastIndexOf('obj', at - 1)) {
    if (text.startsWith('end', at - 3)) return null;
    // "obj" can also occur inside a string; only a "N G obj" header opens an object.
    const header = /(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]*$/.exec(text.slice(Math.max(0, at - 32), at));
    if (!header) continue;
    const end = text.indexOf('endobj', offset);
    return {
      number: Number(header[1]),
      generation: Number(header[2]),
      start: at - header[0].length,
      end: end === -1 ? text.length : end,
    };
  }
  return null;
}

/** The string value of `/Key (…)` or `/Key <…>` in a dictionary's text, decoded as a PDF text string. */
export function textStringValue(dictionary: string, key: string): string | null {
  const bytes = stringValue(dictionary, key);
  return bytes === null ? null : decodeTextString(bytes);
}

/** The raw bytes of the string value of `/Key` in a dictionary's text. */
export function stringValue(dictionary: string, key: string): Buffer | null {
  // The lookahead keeps "/Name" from matching "/Names" and "<" from matching a "<<" dictionary.
  const match = new RegExp(`/${key}(?![A-Za-z0-9#._-])[ \\t\\r\\n\\f\\0]*(\\(|<(?!<))`).exec(dictionary);
  if (!match) return null;
  const open = match.index + match[0].length - 1;
  return match[1] === '(' ? literalString(dictionary, open) : hexString(dictionary, open);
}

/** The value of `/Key /Name` in a dictionary's text, with #xx escapes decoded. */
export function nameValue(dictionary: string, key: string): string | null {
  const match = new RegExp(`/${key}(?![A-Za-z0-9#._-])[ \\t\\r\\n\\f\\0]*/([^ \\t\\r\\n\\f\\0/<>\\[\\]()%{}]*)`).exec(
    dictionary,
  );
  if (!match) return null;
  return Buffer.from(
    match[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm') as ISO 8601; a date without an offset is taken as UTC. */
export function pdfDateToIso(value: string): string | null {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
    value.trim(),
  );
  if (!match) return null;
  const [
    ,
    year,
    month = '01',
    day = '01',
    hour = '00',
    minute = '00',
    second = '00',
    ,
    sign,
    offsetHours = '00',
    offsetMinutes = '00',
  ] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// PDFDocEncoding differs from Latin-1 only in these code points (ISO 32000-1 Annex D.2).
const PDF_DOC_HIGH = '•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž';
const PDF_DOC_LOW = '˘ˇˆ˙˝˛˚˜';

/** A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding. */
export function decodeTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const units = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return units.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  // Some writers (poppler's pdfsig among them) put bare UTF-8 in text strings. PDFDocEncoding text
  // almost never forms valid multi-byte UTF-8, so such bytes are read as what they were meant to be.
  if (bytes.some((byte) => byte >= 0x80) && isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  for (const byte of bytes) {
    if (byte >= 0x80 && byte <= 0x9e) out += PDF_DOC_HIGH[byte - 0x80];
    else if (byte >= 0x18 && byte <= 0x1f) out += PDF_DOC_LOW[byte - 0x18];
    else if (byte === 0xa0) out += '€';
    else out += String.fromCharCode(byte);
  }
  return out;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function literalString(text: string, open: number): Buffer {
  const out: number[] = [];
  let depth = 0;
  for (let at = open + 1; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x28) depth++;
    else if (char === 0x29 && depth-- === 0) break;
    if (char === 0x0d) {
      // An unescaped end of line in a string is read as a single line feed.
      if (text.charCodeAt(at + 1) === 0x0a) at++;
      out.push(0x0a);
    } else if (char !== 0x5c) {
      out.push(char);
    } else {
      const next = text[++at];
      if (next === undefined) break;
      const simple = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c }[next as 'n'];
      if (simple !== undefined) out.push(simple);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(at, at + 3))![0];
        out.push(parseInt(octal, 8) & 0xff);
        at += octal.length - 1;
      } else if (next === '\r') {
        if (text[at + 1] === '\n') at++;
      } else if (next !== '\n') {
        out.push(next.charCodeAt(0));
      }
    }
  }
  return Buffer.from(out);
}

function hexString(text: string, open: number): Buffer {
  const close = text.indexOf('>', open);
  const hex = text.slice(open + 1, close === -1 ? text.length : close).replace(/[^0-9A-Fa-f]/g, '');
  // An odd final digit is followed by an implied 0 (§7.3.4.3).
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}
