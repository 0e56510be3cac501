// GET/PATCH /v1/agencies/:agency/uploads/:sha256: resumable uploads. PATCH
// bodies are streamed to disk as they arrive, never buffered.
import type { FastifyInstance } from 'fastify';
import { callingDevice } from '../auth.ts';
import type { HubContext } from '../context.ts';
import { sendFailure } from '../errors.ts';
import { receiveUpload, UPLOAD_CONTENT_TYPE, uploadState } from '../uploads.ts';
import { blobParams, type BlobParams } from './params.ts';

/** Past this much unread body, closing the connection is cheaper on a slow line than draining it. */
const DRAIN_LIMIT = 64 * 1024;

export function uploadRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Leaves the body unread: the route streams request.raw to disk.
  app.addContentTypeParser(UPLOAD_CONTENT_TYPE, (_request, _payload, done) => done(null));

  app.get<{ Params: BlobParams }>(
    '/v1/agencies/:agency/uploads/:sha256',
    { schema: { params: blobParams } },
    async (request) => uploadState(ctx, callingDevice(request).agency, request.params.sha256),
  );

  app.patch<{ Params: BlobParams }>(
    '/v1/agencies/:agency/uploads/:sha256',
    { schema: { params: blobParams } },
    async (request, reply) => {
      const device = callingDevice(request);
      const result = await receiveUpload(ctx, device.agency, request.params.sha256, request.headers, request.raw);
      if (result === 'cut') {
        reply.hijack();
        request.raw.socket?.destroy();
        return reply;
      }
      if (result.ok) return result.value;
      if (!request.raw.complete && Number(request.headers['content-length'] ?? Infinity) > DRAIN_LIMIT)
        reply.header('connection', 'close');
      return sendFailure(reply, result.failure);
    },
  );
}
