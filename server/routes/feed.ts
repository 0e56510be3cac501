// POST /v1/agencies/:agency/pull and /ack: the agency's feed, page by page.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ackRequest, pullRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import type { HubContext } from '../context.ts';
import { acknowledge, readPage } from '../feed-page.ts';
import { agencyParams } from './params.ts';

export function feedRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof pullRequest> }>(
    '/v1/agencies/:agency/pull',
    { schema: { params: agencyParams, body: pullRequest } },
    async (request) => readPage(ctx.db, callingDevice(request), request.body.cursor, request.body.budget),
  );

  app.post<{ Body: z.infer<typeof ackRequest> }>(
    '/v1/agencies/:agency/ack',
    { schema: { params: agencyParams, body: ackRequest } },
    async (request) => ({
      acked: await acknowledge(ctx.db, callingDevice(request), request.body.cursor),
    }),
  );
}
