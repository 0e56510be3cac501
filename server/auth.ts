// Who is calling: the protocol version every request must name, and the
// device behind a bearer credential. A path naming another agency is refused
// here, before any route reads anything.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PersonRole } from '../shared/handling-words.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../shared/sync-protocol.ts';
import { parseBearer, secretMatches } from './credentials.ts';
import type { Database } from './db/database.ts';
import { getDevice, touchDevice } from './db/devices.ts';
import { fail, ok, sendFailure, type Result } from './errors.ts';

export interface CallingDevice {
  id: string;
  agency: string;
  holdsRegister: boolean;
  /** The official this desktop is enrolled for: it acts and sees as them only. Null: an agency-wide device. */
  personId: string | null;
  /** That official's role now; null exactly when `personId` is. */
  personRole: PersonRole | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireDevice` on every authenticated route. */
    device: CallingDevice | null;
  }
}

// A hook that replies returns the reply: Fastify then waits for it to finish
// before deciding whether the route still runs.

export async function requireProtocol(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.headers[PROTOCOL_HEADER] === String(PROTOCOL_VERSION)) return undefined;
  return sendFailure(reply, {
    status: 400,
    code: 'PROTOCOL_UNSUPPORTED',
    message: `this hub speaks ${PROTOCOL_HEADER}: ${PROTOCOL_VERSION}`,
  });
}

export async function authenticate(db: Database, header: string | undefined): Promise<Result<CallingDevice>> {
  if (!header) return fail(401, 'CREDENTIAL_MISSING', 'authorization: Bearer <deviceId>.<secret> is required');
  const bearer = parseBearer(header);
  if (!bearer) return fail(401, 'CREDENTIAL_INVALID', 'malformed credential');
  const device = await getDevice(db, bearer.deviceId);
  if (!device || !secretMatches(bearer.secret, device.secretHash))
    return fail(401, 'CREDENTIAL_INVALID', 'unknown device or wrong secret');
  if (device.revokedAt) return fail(401, 'DEVICE_REVOKED', 'this device was revoked; enroll again');
  if (device.expiresAt.getTime() <= Date.now())
    return fail(401, 'CREDENTIAL_EXPIRED', 'credential expired; enroll again');
  await touchDevice(db, device.id);
  return ok({
    id: device.id,
    agency: device.agency,
    holdsRegister: device.holdsRegister,
    personId: device.personId,
    personRole: device.personRole,
  });
}

export function requireDevice(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const result = await authenticate(db, request.headers.authorization);
    if (!result.ok) return sendFailure(reply, result.failure);
    const agency = (request.params as { agency?: string } | undefined)?.agency;
    if (agency !== undefined && agency !== result.value.agency) {
      return sendFailure(reply, { status: 403, code: 'FORBIDDEN', message: 'a device may only reach its own agency' });
    }
    request.device = result.value;
    return undefined;
  };
}

/** The device `requireDevice` let through; a route outside its scope asking for one is a bug, not a 401. */
export function callingDevice(request: FastifyRequest): CallingDevice {
  if (!request.device) throw new Error(`route ${request.url} is not behind requireDevice`);
  return request.device;
}
