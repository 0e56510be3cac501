// Enrolled devices, their credentials (hashed), the official each desktop is
// enrolled for, and how far each has acknowledged its feed.
import type { PersonRole } from '../../shared/handling-words.ts';
import type { Queryable } from './database.ts';

export interface DeviceRow {
  id: string;
  agency: string;
  name: string;
  secretHash: string;
  holdsRegister: boolean;
  enrolledAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  ackedCursor: number;
  /** The official this desktop is enrolled for; null for an agency-wide device. */
  personId: string | null;
  /** That official's role as the agency's records say now (a clerk may change it). */
  personRole: PersonRole | null;
}

const DEVICE_COLUMNS = `d.id, d.agency, d.name, d.secret_hash AS "secretHash", d.holds_register AS "holdsRegister",
  d.enrolled_at AS "enrolledAt", d.expires_at AS "expiresAt", d.revoked_at AS "revokedAt",
  d.last_seen_at AS "lastSeenAt", d.acked_cursor AS "ackedCursor", d.person_id AS "personId", p.role AS "personRole"`;
const DEVICES = 'devices d LEFT JOIN people p ON p.agency = d.agency AND p.id = d.person_id';

export async function getDevice(q: Queryable, id: string): Promise<DeviceRow | null> {
  const [row] = await q.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM ${DEVICES} WHERE d.id = $1`, [id]);
  return row ?? null;
}

export function listDevices(q: Queryable): Promise<DeviceRow[]> {
  return q.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM ${DEVICES} ORDER BY d.agency, d.enrolled_at, d.id`);
}

/** Whether any desktop of the agency was ever enrolled for an official: then every device shares its desk changes. */
export async function agencyHasDesks(q: Queryable, agency: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM devices WHERE agency = $1 AND person_id IS NOT NULL LIMIT 1', [agency]);
  return rows.length > 0;
}

/** Whether a device of the agency that can still sync holds its registers. */
export async function hasActiveRegisterHolder(q: Queryable, agency: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM devices WHERE agency = $1 AND holds_register AND revoked_at IS NULL AND expires_at > now()',
    [agency],
  );
  return rows.length > 0;
}

/** Takes the registers from a revoked or expired holder, so the next device enrolled can hold them. */
export async function releaseRegister(q: Queryable, agency: string): Promise<void> {
  await q.query('UPDATE devices SET holds_register = false WHERE agency = $1 AND holds_register', [agency]);
}

export async function insertDevice(
  q: Queryable,
  device: {
    id: string;
    agency: string;
    name: string;
    secretHash: string;
    holdsRegister: boolean;
    personId: string | null;
    validDays: number;
  },
): Promise<{ expiresAt: Date }> {
  const [row] = await q.query<{ expiresAt: Date }>(
    `INSERT INTO devices (id, agency, name, secret_hash, holds_register, person_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING expires_at AS "expiresAt"`,
    [device.id, device.agency, device.name, device.secretHash, device.holdsRegister, device.personId, device.validDays],
  );
  return row!;
}

/** Records that the device was heard from; at most once a minute, to spare the database a write per request. */
export async function touchDevice(q: Queryable, id: string): Promise<void> {
  await q.query(
    "UPDATE devices SET last_seen_at = now() WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')",
    [id],
  );
}

export async function revokeDevice(q: Queryable, id: string): Promise<boolean> {
  return (
    (await q.query('UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [id]))
      .length === 1
  );
}

export async function expireDevice(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('UPDATE devices SET expires_at = now() WHERE id = $1 RETURNING id', [id])).length === 1;
}

/** Moves the device's acknowledged cursor forward only, never past its agency's feed. */
export async function advanceAck(q: Queryable, id: string, cursor: number): Promise<number> {
  const [row] = await q.query<{ acked: number }>(
    `UPDATE devices SET acked_cursor = greatest(acked_cursor, least($2::bigint, (SELECT feed_seq FROM agencies WHERE code = devices.agency)))
     WHERE id = $1 RETURNING acked_cursor AS acked`,
    [id, cursor],
  );
  return row?.acked ?? 0;
}
