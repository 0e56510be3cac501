// POST /v1/agencies/:agency/changes: a batch of changes, one result each, in order.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { changesRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import { applyChanges } from '../changes/apply.ts';
import type { HubContext } from '../context.ts';
import { agencyParams } from './params.ts';

export function changeRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof changesRequest> }>(
    '/v1/agencies/:agency/changes',
    { schema: { params: agencyParams, body: changesRequest } },
    async (request) => ({ results: await applyChanges(ctx.db, callingDevice(request), request.body.changes) }),
  );
}
