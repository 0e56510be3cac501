// POST /v1/enroll: a one-time code becomes a device credential.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { enrollRequest } from '../../shared/sync-protocol.ts';
import type { HubContext } from '../context.ts';
import { enrollDevice } from '../enrollment.ts';
import { sendFailure } from '../errors.ts';

export function enrollRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Body: z.infer<typeof enrollRequest> }>(
    '/v1/enroll',
    { schema: { body: enrollRequest } },
    async (request, reply) => {
      const result = await enrollDevice(ctx.db, request.body);
      return result.ok ? result.value : sendFailure(reply, result.failure);
    },
  );
}
