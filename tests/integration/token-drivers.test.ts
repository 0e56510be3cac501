// The Settings screen's token drivers: the list at once, with no driver loaded,
// then each driver probed on its own, with real SoftHSM2 tokens.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownModulePaths } from '../../core/signing/known-modules.ts';
import { listTokenDrivers, probeTokenDriver } from '../../core/settings/token-drivers.ts';
import { tempDir } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';
import { signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();

describe('the token drivers of Settings', () => {
  it('lists the drivers given, those in Settings and the known ones, each once, with whether its file is there', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const gone = path.join(tempDir(), 'vnpt-ca_csp11.so');
    const softhsm = lab().tokens.module;
    await office.call('settings.update', { modules: [softhsm, gone] });
    const argument = path.join(tempDir(), 'bkavca.so');
    fs.writeFileSync(argument, 'not a shared library');

    const { drivers } = listTokenDrivers(office.core, { modules: [argument, softhsm] });
    expect(drivers.slice(0, 3)).toEqual([
      { path: argument, source: 'argument', exists: true },
      { path: softhsm, source: 'argument', exists: true },
      { path: gone, source: 'settings', exists: false },
    ]);
    const builtIn = drivers.slice(3);
    expect(builtIn.every((driver) => driver.source === 'built-in')).toBe(true);
    expect(builtIn.map((driver) => driver.path).sort()).toEqual([...new Set(knownModulePaths())].sort());
    for (const driver of builtIn) expect(driver.exists, driver.path).toBe(fs.existsSync(driver.path));
    // Present ones first, so the screen can show what is installed above what is not.
    expect(builtIn.findIndex((driver) => !driver.exists)).toBeGreaterThanOrEqual(
      builtIn.filter((driver) => driver.exists).length,
    );

    // What tokens.modules then loads, in the same order: every listed file that is there, and the missing one it reports.
    const { modules } = await office.call('tokens.modules', { modules: [argument, softhsm] });
    expect(modules.map((module) => module.path)).toEqual(
      drivers.filter((driver) => driver.exists || driver.source !== 'built-in').map((driver) => driver.path),
    );
  });

  it('probes one driver at a time: a working driver, a missing file and a file that is no driver', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const softhsm = lab().tokens.module;
    const gone = path.join(tempDir(), 'viettel-ca_v6.so');
    await office.call('settings.update', { modules: [softhsm] });
    expect(await probeTokenDriver(office.core, { path: softhsm })).toMatchObject({
      path: softhsm,
      source: 'settings',
      ok: true,
      info: { manufacturer: matching.stringMatching(/SoftHSM/i) },
      error: null,
    });
    expect(await probeTokenDriver(office.core, { path: gone })).toMatchObject({
      path: gone,
      source: 'argument',
      ok: false,
      info: null,
      error: { code: 'TOKEN_MODULE_UNLOADABLE' },
    });
    const broken = path.join(tempDir(), 'fpt-ca.so');
    fs.writeFileSync(broken, 'not a shared library');
    expect(await probeTokenDriver(office.core, { path: broken })).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_MODULE_UNLOADABLE' },
    });
  });
});
