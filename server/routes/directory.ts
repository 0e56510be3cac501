// GET /v1/directory: every agency a document can be addressed to.
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context.ts';
import { listAgencies } from '../db/agencies.ts';

export function directoryRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/directory', async () => ({ agencies: await listAgencies(ctx.db) }));
}
