// Blobs: which of them this agency still has to upload, and downloads with Range.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { missingRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import type { HubContext } from '../context.ts';
import { readableBlobSize, readableBlobs, readableDeskBlobSize } from '../db/blobs.ts';
import { sendFailure } from '../errors.ts';
import { agencyParams, blobParams, type BlobParams } from './params.ts';

export function blobRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof missingRequest> }>(
    '/v1/agencies/:agency/blobs/missing',
    { schema: { params: agencyParams, body: missingRequest } },
    async (request) => {
      const device = callingDevice(request);
      const hashes = [...new Set(request.body.hashes)];
      // A blob delivered to the agency is held already: its register holder downloaded it from here.
      const held = await readableBlobs(ctx.db, device.agency, hashes);
      const missing = hashes
        .filter((sha256) => !held.has(sha256))
        .map((sha256) => ({ sha256, offset: ctx.blobs.partialSize(device.agency, sha256) }));
      return { missing };
    },
  );

  app.get<{ Params: BlobParams }>(
    '/v1/agencies/:agency/blobs/:sha256',
    { schema: { params: blobParams } },
    async (request, reply) => {
      const device = callingDevice(request);
      const { sha256 } = request.params;
      // Never says whether a blob the device may not read exists. A desk enrolled for
      // an official reads only what that official may see (PROTOCOL.md "Who sees what").
      const size =
        device.personId === null
          ? await readableBlobSize(ctx.db, device.agency, sha256)
          : await readableDeskBlobSize(
              ctx.db,
              {
                agency: device.agency,
                device: device.id,
                personId: device.personId,
                personRole: device.personRole,
                holdsRegister: device.holdsRegister,
              },
              sha256,
            );
      if (size === null)
        return sendFailure(reply, {
          status: 403,
          code: 'FORBIDDEN',
          message: 'this blob is not visible to this device',
        });
      const start = rangeStart(request.headers.range);
      if (start !== null && start >= size) {
        reply.header('content-range', `bytes */${size}`);
        return sendFailure(reply, {
          status: 416,
          code: 'RANGE_NOT_SATISFIABLE',
          message: `the blob has ${size} bytes`,
        });
      }
      reply.header('accept-ranges', 'bytes').type('application/octet-stream');
      if (start !== null && start > 0) {
        reply.code(206).header('content-range', `bytes ${start}-${size - 1}/${size}`);
      }
      reply.header('content-length', size - (start ?? 0));
      return reply.send(ctx.blobs.openRead(sha256, start ?? 0, size - 1));
    },
  );
}

/** `bytes=<n>-` (what clients resume with); other range forms are ignored, as HTTP allows, and the whole blob is sent. */
function rangeStart(header: string | undefined): number | null {
  const match = header === undefined ? null : /^bytes=(\d{1,15})-$/.exec(header.trim());
  return match ? Number(match[1]) : null;
}
