// `hub admin --data <dir> <command>`: agencies, officials, enrollment codes,
// devices and the writes the hub refused.
// With a hub running on the data dir, the command goes to it over loopback
// (PGlite is single-process); otherwise, or with DATABASE_URL, it opens the
// database itself.
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.ts';
import { claimDataDir, liveHolder, type HubFile } from '../hub-file.ts';
import { ADMIN_SECRET_HEADER } from '../routes/admin.ts';
import { adminOutputs, runAdminCommand, type AdminCommandName, type AdminResult } from './commands.ts';

const ADMIN_USAGE = `usage: hub admin --data <dir> <command> [--json]
  agency add <code> <name> [--parent <code>]
  agency list
  person add <agencyCode> <name> --role leader|clerk|officer [--title <title>] [--unit <unit>]
  person list <agencyCode>
  enroll <agencyCode> [--person <personId>]
                                      one-time code, valid 7 days; with --person the
                                      desktop enrolled acts for that official only
  device list
  device revoke <deviceId>
  device expire <deviceId>
  refused list [<agencyCode>]         writes refused because a desk acted outside its official`;

interface Invocation {
  name: AdminCommandName;
  input: Record<string, unknown>;
}

export async function runAdmin(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean' },
        parent: { type: 'string' },
        person: { type: 'string' },
        role: { type: 'string' },
        title: { type: 'string' },
        unit: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${ADMIN_USAGE}\n`);
    return 0;
  }
  const invocation = invocationOf(positionals, values);
  if (!invocation) return usage(`unknown command: ${positionals.join(' ') || '(none)'}`);
  if (!values.data) return usage('--data <dir> is required');

  const result = await execute(values.data, invocation).catch((error: Error): AdminResult => ({
    ok: false,
    code: 'DB_UNAVAILABLE',
    message: error.message.split('\n')[0] ?? 'failed',
  }));
  if (!result.ok) {
    if (values.json)
      process.stdout.write(`${JSON.stringify({ error: { code: result.code, message: result.message } })}\n`);
    process.stderr.write(`hub admin: ${result.message} (${result.code})\n`);
    return 1;
  }
  process.stdout.write(`${values.json ? JSON.stringify(result.value) : describe(invocation.name, result.value)}\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`hub admin: ${problem}\n${ADMIN_USAGE}\n`);
  return 2;
}

interface Options {
  parent?: string;
  person?: string;
  role?: string;
  title?: string;
  unit?: string;
}

/** The command the words name; its options are checked by the command's own schema. */
function invocationOf(words: string[], options: Options): Invocation | null {
  const [first, second, ...rest] = words;
  const key = `${first ?? ''} ${second ?? ''}`;
  if (key === 'agency add' && rest.length === 2)
    return { name: 'agency-add', input: { code: rest[0], name: rest[1], parentCode: options.parent ?? null } };
  if (key === 'agency list' && rest.length === 0) return { name: 'agency-list', input: {} };
  if (key === 'person add' && rest.length === 2) {
    return {
      name: 'person-add',
      input: {
        agency: rest[0],
        name: rest[1],
        title: options.title ?? null,
        unit: options.unit ?? null,
        role: options.role,
      },
    };
  }
  if (key === 'person list' && rest.length === 1) return { name: 'person-list', input: { agency: rest[0] } };
  if (first === 'enroll' && second !== undefined && rest.length === 0)
    return { name: 'enroll', input: { agency: second, person: options.person ?? null } };
  if (key === 'refused list' && rest.length <= 1) return { name: 'refused-list', input: { agency: rest[0] ?? null } };
  if (key === 'device list' && rest.length === 0) return { name: 'device-list', input: {} };
  if (key === 'device revoke' && rest.length === 1) return { name: 'device-revoke', input: { deviceId: rest[0] } };
  if (key === 'device expire' && rest.length === 1) return { name: 'device-expire', input: { deviceId: rest[0] } };
  return null;
}

async function execute(dataDir: string, invocation: Invocation): Promise<AdminResult> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) return direct(dataDir, databaseUrl, invocation);
  const holder = liveHolder(dataDir);
  if (holder) return viaHub(holder, invocation);
  const claim = claimDataDir(dataDir);
  if (!claim.ok)
    return {
      ok: false,
      code: 'DATA_DIR_BUSY',
      message: `${dataDir} is in use by process ${claim.holder.pid}; try again`,
    };
  try {
    return await direct(dataDir, undefined, invocation);
  } finally {
    claim.release();
  }
}

async function direct(dataDir: string, databaseUrl: string | undefined, invocation: Invocation): Promise<AdminResult> {
  const { openDatabase } = await import('../db/open.ts');
  const opened = await openDatabase(dataDir, databaseUrl);
  if (!opened.ok) return { ok: false, code: opened.code, message: opened.message };
  const db: Database = opened.db;
  try {
    return await runAdminCommand(db, invocation.name, invocation.input);
  } finally {
    await db.close();
  }
}

async function viaHub(holder: HubFile, invocation: Invocation): Promise<AdminResult> {
  if (!holder.url || !holder.adminSecret) {
    return {
      ok: false,
      code: 'DATA_DIR_BUSY',
      message: `the hub (process ${holder.pid}) is starting or another admin command is running; try again`,
    };
  }
  try {
    const response = await fetch(`${holder.url}/admin/${invocation.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_SECRET_HEADER]: holder.adminSecret },
      body: JSON.stringify(invocation.input),
    });
    const body = (await response.json()) as { result?: AdminResult; error?: { message: string } };
    if (body.result) return body.result;
    return {
      ok: false,
      code: 'HUB_UNREACHABLE',
      message: `the hub refused the command: ${body.error?.message ?? response.status}`,
    };
  } catch (error) {
    return {
      ok: false,
      code: 'HUB_UNREACHABLE',
      message: `cannot reach the hub at ${holder.url}: ${(error as Error).message}`,
    };
  }
}

function describe(name: AdminCommandName, value: unknown): string {
  switch (name) {
    case 'agency-add': {
      const agency = adminOutputs[name].parse(value);
      return `added ${agency.code} ${agency.name}${agency.parentCode ? ` (under ${agency.parentCode})` : ''}`;
    }
    case 'agency-list':
      return adminOutputs[name]
        .parse(value)
        .map((a) => `${a.code}\t${a.name}\t${a.parentCode ?? ''}`)
        .join('\n');
    case 'person-add': {
      const person = adminOutputs[name].parse(value);
      return `added ${person.id} ${person.name} (${person.role}) to ${person.agency}`;
    }
    case 'person-list':
      return adminOutputs[name]
        .parse(value)
        .map((p) => `${p.id}\t${p.name}\t${p.role}\t${p.title ?? ''}\t${p.unit ?? ''}${p.active ? '' : '\tinactive'}`)
        .join('\n');
    case 'enroll': {
      const code = adminOutputs[name].parse(value);
      const whom = code.personId ? `official ${code.personId} of ${code.agency}` : code.agency;
      return `${code.code}\n(one-time code for ${whom}, valid until ${code.expiresAt})`;
    }
    case 'device-list':
      return adminOutputs[name]
        .parse(value)
        .map(
          (d) =>
            `${d.id}\t${d.agency}\t${d.name}\t${d.holdsRegister ? 'register' : '-'}\texpires ${d.expiresAt}${d.revokedAt ? `\trevoked ${d.revokedAt}` : ''}`,
        )
        .join('\n');
    case 'device-revoke':
      return `revoked ${adminOutputs[name].parse(value).deviceId}`;
    case 'device-expire':
      return `expired ${adminOutputs[name].parse(value).deviceId}`;
    case 'refused-list':
      return adminOutputs[name]
        .parse(value)
        .map(
          (w) =>
            `${w.at}\t${w.agency}\tdevice ${w.device}\tas ${w.devicePerson ?? '-'}\tclaimed ${w.claimedPerson ?? '-'}\t${w.reason}`,
        )
        .join('\n');
  }
}
