// The hub's HTTP server: Fastify with one plugin per concern, every body
// validated against the shared zod schemas, every failure a protocol error.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { requireDevice, requireProtocol } from './auth.ts';
import type { HubContext } from './context.ts';
import { describeIssues, HubRequestError, sendFailure } from './errors.ts';
import { MAX_JSON_BYTES, registerJsonBodies, registerJsonReplies } from './http-codec.ts';
import { adminRoutes } from './routes/admin.ts';
import { blobRoutes } from './routes/blobs.ts';
import { changeRoutes } from './routes/changes.ts';
import { directoryRoutes } from './routes/directory.ts';
import { enrollCodeRoutes } from './routes/enroll-codes.ts';
import { enrollRoutes } from './routes/enroll.ts';
import { feedRoutes } from './routes/feed.ts';
import { uploadRoutes } from './routes/uploads.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug';

export function buildApp(ctx: HubContext, logLevel: LogLevel): FastifyInstance {
  const app = Fastify({
    // stdout belongs to the "hub listening on …" line; the default serializers log no bodies or headers.
    logger: { level: logLevel, stream: process.stderr },
    // A chunk at 256 kbit/s may take minutes: no limit on a whole request, only
    // on silence (60 s), and idle keep-alive connections are kept 65 s.
    requestTimeout: 0,
    connectionTimeout: 60_000,
    keepAliveTimeout: 65_000,
    bodyLimit: MAX_JSON_BYTES,
    return503OnClosing: true,
  });
  app.decorateRequest('device', null);
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const parsed = (schema as z.ZodType).safeParse(data);
    return parsed.success ? { value: parsed.data } : { error: new Error(describeIssues(parsed.error)) };
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HubRequestError) return sendFailure(reply, error.failure);
    if (error.validation !== undefined || error.code === 'FST_ERR_VALIDATION') {
      return sendFailure(reply, {
        status: 400,
        code: 'BAD_REQUEST',
        message: `${error.validationContext ?? 'request'}: ${error.message}`,
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendFailure(reply, {
        status: 400,
        code: 'BAD_REQUEST',
        message: `content-type ${request.headers['content-type'] ?? '(none)'} is not accepted here`,
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendFailure(reply, {
        status,
        code: 'PAYLOAD_TOO_LARGE',
        message: `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`,
      });
    if (status >= 400 && status < 500)
      return sendFailure(reply, { status: 400, code: 'BAD_REQUEST', message: error.message });
    // Database errors can quote the values they refused (a document's subject): log where, not what.
    request.log.error(
      { code: error.code, name: error.name, stack: error.stack?.split('\n').slice(1, 6).join('\n') },
      'request failed',
    );
    return sendFailure(reply, {
      status: 500,
      code: 'INTERNAL',
      message: 'the hub failed; nothing was lost, try again later',
    });
  });
  app.setNotFoundHandler((_request, reply) =>
    sendFailure(reply, { status: 404, code: 'NOT_FOUND', message: 'no such endpoint' }),
  );

  registerJsonBodies(app);
  registerJsonReplies(app);
  // Plugins, so that each hook applies only to the routes registered inside it.
  app.register((v1, _options, done) => {
    v1.addHook('onRequest', requireProtocol);
    enrollRoutes(v1, ctx);
    v1.register((authed, _authedOptions, authedDone) => {
      authed.addHook('onRequest', requireDevice(ctx.db));
      directoryRoutes(authed, ctx);
      blobRoutes(authed, ctx);
      uploadRoutes(authed, ctx);
      changeRoutes(authed, ctx);
      feedRoutes(authed, ctx);
      enrollCodeRoutes(authed, ctx);
      authedDone();
    });
    done();
  });
  app.register((admin, _options, done) => {
    adminRoutes(admin, ctx);
    done();
  });
  return app;
}
