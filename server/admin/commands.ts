// What the province's administrator can do. The same table runs against the
// database directly (CLI, no hub running) and inside a running hub (the CLI
// posts to /admin/<command>), so PGlite, single-process, is opened once.
import { z } from 'zod';
import { agencyCode, personRecord } from '../../shared/sync-protocol.ts';
import type { Database } from '../db/database.ts';
import { insertAgency, listAgencies, getAgency } from '../db/agencies.ts';
import { expireDevice, listDevices, revokeDevice } from '../db/devices.ts';
import { getPerson, listPeople } from '../db/people.ts';
import { listRefusedWrites } from '../db/refused-writes.ts';
import { issueEnrollCode } from '../enrollment.ts';
import { addPerson } from '../people.ts';

export type AdminCode =
  | 'BAD_ARGUMENT'
  | 'AGENCY_EXISTS'
  | 'AGENCY_UNKNOWN'
  | 'DEVICE_UNKNOWN'
  | 'PERSON_UNKNOWN'
  | 'HUB_UNREACHABLE'
  | 'DATA_DIR_BUSY'
  | 'DB_UNAVAILABLE'
  | 'DB_NEWER_VERSION';
export type AdminResult = { ok: true; value: unknown } | { ok: false; code: AdminCode; message: string };

const done = (value: unknown): AdminResult => ({ ok: true, value });
const refused = (code: AdminCode, message: string): AdminResult => ({ ok: false, code, message });

const deviceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'device id (UUID)');
const personId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'official id (UUID)');
const agencyUnknown = (agency: string) => refused('AGENCY_UNKNOWN', `agency ${agency} does not exist`);
// "." and ".." would name directories, not agencies, under <data>/uploads.
const newAgencyCode = agencyCode.refine((code) => /[0-9A-Za-z]/.test(code), 'agency code needs a letter or digit');

interface AdminCommand<S extends z.ZodType> {
  input: S;
  run(db: Database, input: z.infer<S>): Promise<AdminResult>;
}

const command = <S extends z.ZodType>(
  input: S,
  run: (db: Database, input: z.infer<S>) => Promise<AdminResult>,
): AdminCommand<S> => ({ input, run });

const adminCommands = {
  'agency-add': command(
    z.object({ code: newAgencyCode, name: z.string().trim().min(1).max(300), parentCode: agencyCode.nullable() }),
    async (db, input) => {
      const outcome = await insertAgency(db, input);
      if (outcome === 'exists') return refused('AGENCY_EXISTS', `agency ${input.code} already exists`);
      if (outcome === 'parent-unknown')
        return refused('AGENCY_UNKNOWN', `parent agency ${input.parentCode} does not exist`);
      return done(input);
    },
  ),
  'agency-list': command(z.object({}), async (db) => done(await listAgencies(db))),
  'person-add': command(
    z.object({
      agency: agencyCode,
      name: z.string().trim().pipe(personRecord.shape.name),
      title: z.string().trim().pipe(personRecord.shape.title.unwrap()).nullable(),
      unit: z.string().trim().pipe(personRecord.shape.unit.unwrap()).nullable(),
      role: personRecord.shape.role,
    }),
    async (db, { agency, ...person }) => {
      if (!(await getAgency(db, agency))) return agencyUnknown(agency);
      return done({ ...(await addPerson(db, agency, person)), agency });
    },
  ),
  'person-list': command(z.object({ agency: agencyCode }), async (db, input) => {
    if (!(await getAgency(db, input.agency))) return agencyUnknown(input.agency);
    return done((await listPeople(db, input.agency)).map(({ record }) => ({ ...record, agency: input.agency })));
  }),
  // `person` as on the command line (`--person <id>`): the official the desktop will act for.
  enroll: command(z.object({ agency: agencyCode, person: personId.nullable().default(null) }), async (db, input) => {
    if (!(await getAgency(db, input.agency))) return agencyUnknown(input.agency);
    if (input.person !== null && !(await getPerson(db, input.agency, input.person)))
      return refused('PERSON_UNKNOWN', `no official ${input.person} in ${input.agency}`);
    const { code, expiresAt } = await issueEnrollCode(db, input.agency, input.person);
    return done({ code, agency: input.agency, personId: input.person, expiresAt: expiresAt.toISOString() });
  }),
  'device-list': command(z.object({}), async (db) =>
    done(
      (await listDevices(db)).map((d) => ({
        id: d.id,
        agency: d.agency,
        name: d.name,
        holdsRegister: d.holdsRegister,
        enrolledAt: d.enrolledAt.toISOString(),
        expiresAt: d.expiresAt.toISOString(),
        revokedAt: d.revokedAt?.toISOString() ?? null,
        lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
        ackedCursor: d.ackedCursor,
        personId: d.personId,
      })),
    ),
  ),
  'device-revoke': command(z.object({ deviceId }), async (db, input) =>
    (await revokeDevice(db, input.deviceId))
      ? done({ deviceId: input.deviceId, revoked: true })
      : refused('DEVICE_UNKNOWN', `no device ${input.deviceId}`),
  ),
  'device-expire': command(z.object({ deviceId }), async (db, input) =>
    (await expireDevice(db, input.deviceId))
      ? done({ deviceId: input.deviceId, expired: true })
      : refused('DEVICE_UNKNOWN', `no device ${input.deviceId}`),
  ),
  'refused-list': command(z.object({ agency: agencyCode.nullable().default(null) }), async (db, input) =>
    done((await listRefusedWrites(db, input.agency)).map((w) => ({ ...w, at: w.at.toISOString() }))),
  ),
};

export type AdminCommandName = keyof typeof adminCommands;

const agencyOutput = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() });
const personOutput = personRecord.extend({ agency: z.string() });

/** What each command answers: the CLI checks it, since a running hub's answer comes over HTTP. */
export const adminOutputs = {
  'agency-add': agencyOutput,
  'agency-list': z.array(agencyOutput),
  'person-add': personOutput,
  'person-list': z.array(personOutput),
  enroll: z.object({
    code: z.string(),
    agency: z.string(),
    personId: z.string().nullable().optional(),
    expiresAt: z.string(),
  }),
  'device-list': z.array(
    z.object({
      id: z.string(),
      agency: z.string(),
      name: z.string(),
      holdsRegister: z.boolean(),
      enrolledAt: z.string(),
      expiresAt: z.string(),
      revokedAt: z.string().nullable(),
      lastSeenAt: z.string().nullable(),
      ackedCursor: z.number(),
      personId: z.string().nullable().optional(),
    }),
  ),
  'device-revoke': z.object({ deviceId: z.string(), revoked: z.literal(true) }),
  'device-expire': z.object({ deviceId: z.string(), expired: z.literal(true) }),
  'refused-list': z.array(
    z.object({
      agency: z.string(),
      device: z.string(),
      devicePerson: z.string().nullable(),
      claimedPerson: z.string().nullable(),
      changeId: z.string().nullable(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
} satisfies Record<AdminCommandName, z.ZodType>;

export const isAdminCommand = (name: string): name is AdminCommandName => Object.hasOwn(adminCommands, name);

/** Validates the input, then runs the command. */
export async function runAdminCommand(db: Database, name: AdminCommandName, input: unknown): Promise<AdminResult> {
  const cmd = adminCommands[name] as AdminCommand<z.ZodType>;
  const parsed = cmd.input.safeParse(input);
  if (!parsed.success)
    return refused(
      'BAD_ARGUMENT',
      parsed.error.issues.map((i) => `${i.path.join('.') || name}: ${i.message}`).join('; '),
    );
  return cmd.run(db, parsed.data);
}
