// POST /v1/agencies/:agency/enroll-codes: the clerk makes, from the app, a
// one-time code that enrolls a desktop for one of the agency's officials.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { enrollCodeRequest } from '../../shared/sync-protocol.ts';
import { callingDevice } from '../auth.ts';
import type { HubContext } from '../context.ts';
import { issueDeskEnrollCode } from '../enrollment.ts';
import { sendFailure } from '../errors.ts';
import { agencyParams } from './params.ts';

export function enrollCodeRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof enrollCodeRequest> }>(
    '/v1/agencies/:agency/enroll-codes',
    { schema: { params: agencyParams, body: enrollCodeRequest } },
    async (request, reply) => {
      const result = await issueDeskEnrollCode(ctx.db, callingDevice(request), request.body.personId);
      return result.ok ? result.value : sendFailure(reply, result.failure);
    },
  );
}
