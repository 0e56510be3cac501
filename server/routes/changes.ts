// POST /v1/agencies/:agency/changes: a batch of changes, one result each, in
// order; or, for a desk's forged batch, 403 and nothing applied.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { changesRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import { applyChanges } from '../changes/apply.ts';
import { refuseForgedBatch } from '../changes/forgery.ts';
import type { HubContext } from '../context.ts';
import { sendFailure } from '../errors.ts';
import { agencyParams } from './params.ts';

export function changeRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof changesRequest> }>(
    '/v1/agencies/:agency/changes',
    { schema: { params: agencyParams, body: changesRequest } },
    async (request, reply) => {
      const device = callingDevice(request);
      const forged = await refuseForgedBatch(ctx.db, device, request.body.changes);
      if (!forged.ok) return sendFailure(reply, forged.failure);
      return { results: await applyChanges(ctx.db, device, request.body.changes) };
    },
  );
}
