// Attachment names come from outside (a drag and drop, another agency's
// package): keep the Vietnamese, drop anything that could name a path or
// trip Windows.

const MAX_NAME_LENGTH = 180;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
const FORBIDDEN = /[<>:"|?*\u0000-\u001f\u007f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const FALLBACK_NAME = 'van-ban.pdf';

export function sanitizeFilename(raw: string, extension = '.pdf'): string {
  const lastSegment = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = lastSegment.replace(FORBIDDEN, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (!name.toLowerCase().endsWith(extension)) name = `${name}${extension}`;
  if (name === extension) return FALLBACK_NAME;
  if (name.length > MAX_NAME_LENGTH) {
    name = `${Array.from(name.slice(0, -extension.length))
      .slice(0, MAX_NAME_LENGTH - extension.length)
      .join('')}${extension}`;
  }
  return name;
}
