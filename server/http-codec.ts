// JSON on the wire: bodies may come gzip-compressed and are limited to 8 MiB
// after decompression (a gzip bomb stops at the limit, never in memory);
// replies carry hubTime and go gzip-compressed when the client accepts it.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HubRequestError } from './errors.ts';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

const gunzip = promisify(zlib.gunzip);
const gzip = promisify(zlib.gzip);

export function registerJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_JSON_BYTES },
    async (request: FastifyRequest, raw: Buffer) => {
      const text = (await decode(request.headers['content-encoding'], raw)).toString('utf8');
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new HubRequestError({
          status: 400,
          code: 'BAD_REQUEST',
          message: `invalid JSON: ${(error as Error).message}`,
        });
      }
    },
  );
}

async function decode(encoding: string | undefined, raw: Buffer): Promise<Buffer> {
  if (encoding === undefined || encoding === 'identity') return raw;
  if (encoding !== 'gzip')
    throw new HubRequestError({
      status: 400,
      code: 'BAD_REQUEST',
      message: `content-encoding ${encoding} is not supported (gzip is)`,
    });
  try {
    return await gunzip(raw, { maxOutputLength: MAX_JSON_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HubRequestError({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `JSON body over ${MAX_JSON_BYTES} bytes once decompressed`,
      });
    }
    throw new HubRequestError({
      status: 400,
      code: 'BAD_REQUEST',
      message: `bad gzip body: ${(error as Error).message}`,
    });
  }
}

export function registerJsonReplies(app: FastifyInstance): void {
  // The client measures its clock offset from every reply (commune PCs' clocks are often wrong).
  app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || 'hubTime' in payload)
      return payload;
    return { ...payload, hubTime: new Date().toISOString() };
  });
  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (
      typeof payload !== 'string' ||
      !acceptsGzip(request) ||
      !String(reply.getHeader('content-type') ?? '').startsWith('application/json')
    )
      return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    return gzip(payload);
  });
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  if (typeof accept !== 'string') return false;
  return accept.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    if (name?.toLowerCase() !== 'gzip') return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
