// Serves app://vanthu/… from the built renderer, with the same CSP and
// headers as browser mode. Paths that try to leave the folder are refused.
import fs from 'node:fs/promises';
import { resolveStatic } from '../core/host/static-files.ts';
import { securityHeaders } from '../shared/csp.ts';
import { APP_HOST } from './app-url.ts';

export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return empty(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return empty(405);
    const found = resolveStatic(rendererDir, url.pathname);
    if (found.kind === 'refused') return empty(400);
    if (found.kind === 'missing') return empty(404);
    const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': found.contentType };
    if (found.isIndex) headers['Cache-Control'] = 'no-store';
    const body = request.method === 'HEAD' ? null : await fs.readFile(found.file);
    return new Response(body, { status: 200, headers });
  };
}

function empty(status: number): Response {
  return new Response(null, { status, headers: securityHeaders });
}
