// Enrolled devices, their credentials (hashed) and how far each has acknowledged its feed.
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
}

const DEVICE_COLUMNS = `id, agency, name, secret_hash AS "secretHash", holds_register AS "holdsRegister",
  enrolled_at AS "enrolledAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
  last_seen_at AS "lastSeenAt", acked_cursor AS "ackedCursor"`;

export async function getDevice(q: Queryable, id: string): Promise<DeviceRow | null> {
  const [row] = await q.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [id]);
  return row ?? null;
}

export function listDevices(q: Queryable): Promise<DeviceRow[]> {
  return q.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY agency, enrolled_at, id`);
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
  device: { id: string; agency: string; name: string; secretHash: string; holdsRegister: boolean; validDays: number },
): Promise<DeviceRow> {
  const [row] = await q.query<DeviceRow>(
    `INSERT INTO devices (id, agency, name, secret_hash, holds_register, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING ${DEVICE_COLUMNS}`,
    [device.id, device.agency, device.name, device.secretHash, device.holdsRegister, device.validDays],
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
