// Who may talk to the hub: enrollment with one-time codes, the credential's
// failures (each with its own code), and agencies kept apart. Runs on PGlite
// and on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOutputs } from '../../server/admin/commands.ts';
import { directoryReply, enrollReply } from '../../shared/sync-protocol.ts';
import { enrollDevice, hubBackends, hubError, hubRequest, replyJson, startHub, type Hub } from '../helpers/hub.ts';

const province = { code: '000.00.00.H56', name: 'UBND tỉnh Thanh Hóa' };
const communeA = { code: '000.01.31.H56', name: 'UBND xã An Hòa' };
const communeB = { code: '000.02.31.H56', name: 'UBND xã Bình Minh' };
const someSha = 'a'.repeat(64);

describe.each(hubBackends())('hub enrollment and credentials ($name)', (backend) => {
  let hub: Hub;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-auth-'));
    hub = await startHub({ dataDir, ...(await backend.database()) });
    await hub.adminCommand('agency-add', { ...province, parentCode: null });
    for (const commune of [communeA, communeB])
      await hub.adminCommand('agency-add', { ...commune, parentCode: province.code });
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('enrolls the first device of a commune as the register holder, the next one not, each code once', async () => {
    const { code } = adminOutputs.enroll.parse(hub.admin(['enroll', communeA.code, '--json']).json);
    const first = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName: 'may-van-thu' } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      agency: { code: communeA.code, name: communeA.name, parentCode: province.code },
      holdsRegister: true,
    });
    const enrolled = replyJson(first, enrollReply);
    expect(enrolled.credential.startsWith(`${enrolled.deviceId}.`)).toBe(true);
    const days = (Date.parse(enrolled.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    expect(Math.abs(Date.parse(enrolled.hubTime) - Date.now())).toBeLessThan(60_000);

    const again = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName: 'may-khac' } });
    expect(again.status).toBe(401);
    expect(hubError(again)?.error.code).toBe('ENROLL_CODE_INVALID');

    const unknown = await hubRequest(hub.url, {
      path: '/v1/enroll',
      json: { code: 'khong-phai-ma-that', deviceName: 'x' },
    });
    expect(unknown.status).toBe(401);
    expect(hubError(unknown)?.error.code).toBe('ENROLL_CODE_INVALID');

    const second = await enrollDevice(hub, communeA.code, 'may-chu-tich');
    expect(second.holdsRegister).toBe(false);

    const devices = await hub.adminCommand('device-list', {});
    expect(devices.find((d) => d.id === enrolled.deviceId)?.holdsRegister).toBe(true);
    expect(devices.find((d) => d.id === second.deviceId)?.holdsRegister).toBe(false);
    // Only the hash of the secret is stored: the credential appears nowhere in the admin view.
    expect(JSON.stringify(devices)).not.toContain(enrolled.credential.split('.')[1]);
  });

  it('hands the registers to the next device enrolled once the holder has expired or was revoked', async () => {
    const agency = '000.03.31.H56';
    await hub.adminCommand('agency-add', { code: agency, name: 'UBND xã Cẩm Tân', parentCode: province.code });
    const holder = await enrollDevice(hub, agency);
    expect(holder.holdsRegister).toBe(true);
    await hub.adminCommand('device-expire', { deviceId: holder.deviceId });
    // The same PC enrolling again after its credential expired keeps numbering.
    const again = await enrollDevice(hub, agency);
    expect(again.holdsRegister).toBe(true);
    expect((await enrollDevice(hub, agency)).holdsRegister).toBe(false);
    await hub.adminCommand('device-revoke', { deviceId: again.deviceId });
    expect((await enrollDevice(hub, agency)).holdsRegister).toBe(true);
    const holders = (await hub.adminCommand('device-list', {})).filter((d) => d.agency === agency && d.holdsRegister);
    expect(holders).toHaveLength(1);
  });

  it('lists the directory for an enrolled device', async () => {
    const device = await enrollDevice(hub, communeB.code);
    const reply = await hubRequest(hub.url, { path: '/v1/directory', credential: device.credential });
    expect(reply.status).toBe(200);
    expect(replyJson(reply, directoryReply).agencies.slice(0, 3)).toEqual([
      { code: province.code, name: province.name, parentCode: null },
      { code: communeA.code, name: communeA.name, parentCode: province.code },
      { code: communeB.code, name: communeB.name, parentCode: province.code },
    ]);
  });

  it('refuses a request without the protocol header, or with another version', async () => {
    const device = await enrollDevice(hub, communeB.code);
    const newer = await hubRequest(hub.url, {
      path: '/v1/directory',
      credential: device.credential,
      headers: { 'vanthu-protocol': '2' },
    });
    expect([newer.status, hubError(newer)?.error.code]).toEqual([400, 'PROTOCOL_UNSUPPORTED']);
    const bare = await fetch(new URL('/v1/directory', hub.url), {
      headers: { authorization: `Bearer ${device.credential}` },
    });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('PROTOCOL_UNSUPPORTED');
  });

  it('answers 401 with a code for each credential failure: missing, wrong, expired, revoked', async () => {
    const path = '/v1/directory';
    expect(hubError(await hubRequest(hub.url, { path }))?.error.code).toBe('CREDENTIAL_MISSING');
    const device = await enrollDevice(hub, communeB.code);
    const wrongSecret = `${device.deviceId}.${'x'.repeat(43)}`;
    const wrong = await hubRequest(hub.url, { path, credential: wrongSecret });
    expect([wrong.status, hubError(wrong)?.error.code]).toEqual([401, 'CREDENTIAL_INVALID']);
    const garbage = await hubRequest(hub.url, { path, headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect([garbage.status, hubError(garbage)?.error.code]).toEqual([401, 'CREDENTIAL_INVALID']);
    const unknownDevice = await hubRequest(hub.url, {
      path,
      credential: `00000000-0000-4000-8000-000000000000.${'y'.repeat(43)}`,
    });
    expect([unknownDevice.status, hubError(unknownDevice)?.error.code]).toEqual([401, 'CREDENTIAL_INVALID']);

    await hub.adminCommand('device-expire', { deviceId: device.deviceId });
    const expired = await hubRequest(hub.url, { path, credential: device.credential });
    expect([expired.status, hubError(expired)?.error.code]).toEqual([401, 'CREDENTIAL_EXPIRED']);

    const other = await enrollDevice(hub, communeB.code);
    expect((await hubRequest(hub.url, { path, credential: other.credential })).status).toBe(200);
    await hub.adminCommand('device-revoke', { deviceId: other.deviceId });
    const revoked = await hubRequest(hub.url, { path, credential: other.credential });
    expect([revoked.status, hubError(revoked)?.error.code]).toEqual([401, 'DEVICE_REVOKED']);
  });

  it('refuses every path under another agency with 403, whatever the body', async () => {
    const device = await enrollDevice(hub, communeA.code);
    const other = communeB.code;
    const attempts = [
      { method: 'POST', path: `/v1/agencies/${other}/pull`, json: { cursor: 0, budget: 65536 } },
      { method: 'POST', path: `/v1/agencies/${other}/ack`, json: { cursor: 0 } },
      { method: 'POST', path: `/v1/agencies/${other}/changes`, json: { changes: [] } },
      { method: 'POST', path: `/v1/agencies/${other}/blobs/missing`, json: { hashes: [someSha] } },
      { method: 'GET', path: `/v1/agencies/${other}/uploads/${someSha}` },
      { method: 'PATCH', path: `/v1/agencies/${other}/uploads/${someSha}`, body: 'abc' },
      { method: 'GET', path: `/v1/agencies/${other}/blobs/${someSha}` },
      { method: 'POST', path: `/v1/agencies/..%2F..%2F${communeA.code}/pull`, json: { cursor: 0, budget: 65536 } },
      { method: 'GET', path: `/v1/agencies/${communeA.code}%2F..%2F${other}/uploads/${someSha}` },
    ];
    for (const attempt of attempts) {
      const reply = await hubRequest(hub.url, { ...attempt, credential: device.credential });
      expect([attempt.path, reply.status, hubError(reply)?.error.code]).toEqual([attempt.path, 403, 'FORBIDDEN']);
    }
  });

  it('admin CLI: adds, lists, expires through the running hub; one clear line and a non-zero exit for a mistake', async () => {
    expect(
      hub.admin(['agency', 'add', '000.09.31.H56', 'UBND xã Cẩm Vân', '--parent', province.code]).stdout,
    ).toContain('000.09.31.H56');
    const device = await enrollDevice(hub, '000.09.31.H56');
    expect(hub.admin(['device', 'expire', device.deviceId, '--json']).json).toEqual({
      deviceId: device.deviceId,
      expired: true,
    });
    const listed = adminOutputs['device-list'].parse(hub.admin(['device', 'list', '--json']).json);
    expect(Date.parse(listed.find((d) => d.id === device.deviceId)!.expiresAt)).toBeLessThanOrEqual(Date.now());

    const unknown = hub.admin(['enroll', '999.99.99.H99']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('AGENCY_UNKNOWN');
    const duplicate = hub.admin(['agency', 'add', communeA.code, 'again', '--json']);
    expect(duplicate.status).toBe(1);
    expect(duplicate.json).toMatchObject({ error: { code: 'AGENCY_EXISTS' } });
    expect(hub.admin(['agency', 'remove', communeA.code]).status).toBe(2);
  });
});
