// GET/PATCH /v1/agencies/:agency/uploads/:sha256: resumable uploads. PATCH
// bodies are streamed to disk as they arrive, never buffered. POST …/base
// starts one from an earlier version the agency holds.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { uploadBaseRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import type { HubContext } from '../context.ts';
import { sendFailure } from '../errors.ts';
import { receiveUpload, startFromBase, UPLOAD_CONTENT_TYPE, uploadState } from '../uploads.ts';
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
      const result = await receiveUpload(
        ctx,
        { agency: device.agency, device: device.id },
        request.params.sha256,
        request.headers,
        request.raw,
      );
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

  app.post<{ Params: BlobParams; Body: z.infer<typeof uploadBaseRequest> }>(
    '/v1/agencies/:agency/uploads/:sha256/base',
    { schema: { params: blobParams, body: uploadBaseRequest } },
    async (request, reply) => {
      const device = callingDevice(request);
      const result = await startFromBase(
        ctx,
        { agency: device.agency, device: device.id },
        request.params.sha256,
        request.body,
      );
      return result.ok ? result.value : sendFailure(reply, result.failure);
    },
  );
}
