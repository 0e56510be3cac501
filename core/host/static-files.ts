// Which file of the built renderer a request names, for both ways the UI is
// served: browser mode's loopback server and the Electron shell's app://
// protocol. A path that tries to leave the renderer's folder is refused, in
// any spelling: "..", "%2e%2e", backslashes (Windows separators), NUL bytes.
import fs from 'node:fs';
import path from 'node:path';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.pfb': 'application/x-font-type1',
  '.bcmap': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticTarget =
  { kind: 'file'; file: string; contentType: string; isIndex: boolean } | { kind: 'missing' } | { kind: 'refused' };

/** Refused unless every segment of the decoded path is an ordinary name. */
function decodedSegments(rawPathname: string): string[] | null {
  if (/\\|%5c|%00|\0/i.test(rawPathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || /^[A-Za-z]:$/.test(segment))) return null;
  return segments;
}

/**
 * The file a URL path (still percent-encoded, as it arrived) names under
 * `root`. A path with no file extension that names no file is a screen of the
 * single-page app: it gets index.html. A missing asset is missing, so a
 * script never receives HTML in its place.
 */
export function resolveStatic(root: string, rawPathname: string): StaticTarget {
  const base = path.resolve(root);
  const segments = decodedSegments(rawPathname);
  if (!segments) return { kind: 'refused' };
  const candidate = path.resolve(base, ...segments);
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return { kind: 'refused' };
  const index = path.join(base, 'index.html');
  if (isFile(candidate))
    return insideRoot(base, candidate) ? target(candidate, candidate === index) : { kind: 'refused' };
  const last = segments.at(-1) ?? '';
  if (!last.includes('.') && isFile(index)) return target(index, true);
  return { kind: 'missing' };
}

function target(file: string, isIndex: boolean): StaticTarget {
  return {
    kind: 'file',
    file,
    contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    isIndex,
  };
}

/** A link inside the folder must not lead out of it. */
function insideRoot(base: string, file: string): boolean {
  const realBase = fs.realpathSync(base);
  return fs.realpathSync(file).startsWith(realBase + path.sep);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
