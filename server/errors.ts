// The hub's failures: an HTTP status, a stable protocol code and an English
// reason for the client's log. Services return them as values; routes send them.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { HubErrorCode } from '../shared/sync-protocol.ts';

export interface HubFailure {
  status: number;
  code: HubErrorCode;
  message: string;
  /** Where the hub's copy of an upload stands (409 UPLOAD_OFFSET_MISMATCH, 422 CHUNK_CHECKSUM_MISMATCH). */
  offset?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: HubFailure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function failure(status: number, code: HubErrorCode, message: string, offset?: number): HubFailure {
  return offset === undefined ? { status, code, message } : { status, code, message, offset };
}

export const fail = <T = never>(status: number, code: HubErrorCode, message: string, offset?: number): Result<T> => ({
  ok: false,
  failure: failure(status, code, message, offset),
});

export function sendFailure(reply: FastifyReply, f: HubFailure): FastifyReply {
  return reply
    .code(f.status)
    .send({ error: { code: f.code, message: f.message }, ...(f.offset === undefined ? {} : { offset: f.offset }) });
}

/** Thrown only where Fastify expects a throw (body parsers); the error handler turns it into a reply. */
export class HubRequestError extends Error {
  readonly failure: HubFailure;
  constructor(f: HubFailure) {
    super(f.message);
    this.failure = f;
  }
}

/** A zod error as one line a client's log can show. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 1000);
}
