// POST /admin/<command>: the admin CLI's way into a running hub (PGlite lets
// one process open the database). Loopback only, with the secret the hub
// wrote into <data>/hub.json (mode 0600).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAdminCommand, runAdminCommand } from '../admin/commands.ts';
import type { HubContext } from '../context.ts';
import { sendFailure } from '../errors.ts';

export const ADMIN_SECRET_HEADER = 'vanthu-admin-secret';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function adminRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Params: { command: string } }>('/admin/:command', async (request, reply) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || !secretMatches(request, ctx.adminSecret)) {
      return sendFailure(reply, {
        status: 403,
        code: 'FORBIDDEN',
        message: 'admin commands come from this machine with its secret',
      });
    }
    const name = request.params.command;
    if (!isAdminCommand(name))
      return sendFailure(reply, { status: 404, code: 'NOT_FOUND', message: `no admin command ${name}` });
    return { result: await runAdminCommand(ctx.db, name, request.body ?? {}) };
  });
}

function secretMatches(request: FastifyRequest, secret: string): boolean {
  const given = Buffer.from(String(request.headers[ADMIN_SECRET_HEADER] ?? ''));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
