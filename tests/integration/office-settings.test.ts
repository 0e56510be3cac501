// The office's own details: set up once with a code of Decision 20/2020 form and
// a real name, corrected later from Settings, the code held fast once the
// machine is enrolled with the provincial hub.
import { describe, expect, it } from 'vitest';
import { auditRowsFor } from '../../core/db/audit.ts';
import { saveDevice } from '../../core/db/sync.ts';
import { openTestOffice } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';
import { rejection } from '../helpers/signing.ts';

describe('setting up the office', () => {
  it('refuses a code like "abc", a name "x" and an abbreviation that cannot stand in a ký hiệu, and stores nothing', async () => {
    const office = await openTestOffice({ init: false });
    const refused = await rejection(
      office.call('office.init', { agencyCode: 'abc', name: 'x', abbreviation: 'U B', defaultUnit: 'V' }),
    );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        agencyCode: matching.stringContaining('000.00.31.H56'),
        name: matching.stringContaining('UBND xã Quảng Phú'),
        abbreviation: matching.stringContaining('UBND'),
        defaultUnit: matching.stringContaining('VP'),
      },
    });
    for (const agencyCode of ['000.00.31', '00.00.31.H56', '000.00.31.H5', '000.00.3100.H56', '000.00.31.56H', 'H56']) {
      const wrong = await rejection(office.call('office.init', { agencyCode, name: 'UBND xã Quảng Phú' }));
      expect(Object.keys(wrong.fields!), agencyCode).toEqual(['agencyCode']);
    }
    for (const name of ['UBND', 'x y', '12 345', '– xã']) {
      const wrong = await rejection(office.call('office.init', { agencyCode: '000.00.31.H56', name }));
      expect(Object.keys(wrong.fields!), name).toEqual(['name']);
    }
    expect((await office.call('office.status', {})).office).toBeNull();
  });

  it('takes a commune code of the re-coded provinces and writes the letters of the code and abbreviations in capitals', async () => {
    const office = await openTestOffice({ init: false });
    const made = await office.call('office.init', {
      agencyCode: '000.01.861.h56',
      name: 'UBND  xã An Hòa',
      abbreviation: 'ubnd',
      defaultUnit: 'vp',
    });
    expect(made).toEqual({
      agencyCode: '000.01.861.H56',
      name: 'UBND xã An Hòa',
      abbreviation: 'UBND',
      defaultUnit: 'VP',
    });
  });

  it('says an office exists before looking at what a second setup was given', async () => {
    const office = await openTestOffice();
    expect((await rejection(office.call('office.init', { agencyCode: 'abc', name: 'x' }))).code).toBe(
      'OFFICE_ALREADY_INITIALIZED',
    );
  });
});

describe('correcting the office in Settings', () => {
  it('corrects the drafting unit: the next công văn carries it, the one issued keeps its ký hiệu', async () => {
    const office = await openTestOffice();
    const first = await office.call('outgoing.draft', { type: 'CV', subject: 'Về việc báo cáo' });
    expect((await office.call('outgoing.issue', { id: first.id })).notation).toBe('01/UBND-VP');

    const updated = await office.call('office.update', { defaultUnit: 'VPHĐND', name: 'UBND xã Quảng Phú' });
    expect(updated).toEqual({
      agencyCode: '000.00.31.H56',
      name: 'UBND xã Quảng Phú',
      abbreviation: 'UBND',
      defaultUnit: 'VPHĐND',
    });
    const second = await office.call('outgoing.draft', { type: 'CV', subject: 'Về việc họp' });
    expect((await office.call('outgoing.issue', { id: second.id })).notation).toBe('02/UBND-VPHĐND');
    expect((await office.call('documents.get', { id: first.id })).notation).toBe('01/UBND-VP');
    expect((await office.call('office.status', {})).office?.defaultUnit).toBe('VPHĐND');

    const rows = auditRowsFor(office.core.db, '000.00.31.H56').filter((row) => row.action === 'office.update');
    expect(rows.map((row) => JSON.parse(row.detail) as unknown)).toEqual([
      { changes: { defaultUnit: ['VP', 'VPHĐND'] } },
    ]);
    // The same values again: nothing to write.
    await office.call('office.update', { defaultUnit: 'vphđnd' });
    expect(auditRowsFor(office.core.db, '000.00.31.H56').filter((row) => row.action === 'office.update')).toHaveLength(
      1,
    );
    expect((await rejection(office.call('office.update', { abbreviation: 'x' }))).fields).toHaveProperty(
      'abbreviation',
    );
  });

  it('corrects a mistyped code before enrollment, and refuses a new code once the hub knows this office', async () => {
    const office = await openTestOffice();
    expect((await office.call('office.update', { agencyCode: '000.00.32.H56' })).agencyCode).toBe('000.00.32.H56');
    saveDevice(office.core.db, {
      hubUrl: 'http://127.0.0.1:9/',
      deviceId: '01900000-0000-4000-8000-000000000001',
      credential: `01900000-0000-4000-8000-000000000001.${'s'.repeat(40)}`,
      agencyCode: '000.00.32.H56',
      holdsRegister: true,
      expiresAt: '2027-01-01T00:00:00Z',
      enrolledAt: '2026-03-01T00:00:00Z',
      clockOffsetMs: 0,
    });
    const refused = await rejection(office.call('office.update', { agencyCode: '000.00.31.H56' }));
    expect(refused).toMatchObject({
      code: 'OFFICE_CODE_ENROLLED',
      fields: { agencyCode: matching.stringContaining('000.00.32.H56') },
    });
    expect(refused.message).toMatch(/máy chủ của tỉnh/);
    // The name is the office's own business: it may still be corrected, and the same code is no change.
    expect(
      await office.call('office.update', { agencyCode: '000.00.32.H56', name: 'Ủy ban nhân dân xã Quảng Phú' }),
    ).toMatchObject({ agencyCode: '000.00.32.H56', name: 'Ủy ban nhân dân xã Quảng Phú' });
  });

  it('asks for the office to be set up first', async () => {
    const office = await openTestOffice({ init: false });
    expect((await rejection(office.call('office.update', { name: 'UBND xã Quảng Phú' }))).code).toBe(
      'OFFICE_NOT_INITIALIZED',
    );
  });
});
