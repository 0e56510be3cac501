// The dashboard's figures on a register whose every entry is known.
import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../shared/domain.ts';
import { markChange } from '../../core/db/sync.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';
import { rejection } from '../helpers/signing.ts';

let notations = 0;

async function received(
  office: TestOffice,
  arrivedOn: string,
  options: { urgency?: Urgency; dueOn?: string; completedOn?: string } = {},
) {
  const document = await office.call('incoming.register', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: `${++notations}/UBND-VP`,
    issuedOn: arrivedOn,
    arrivedOn,
    type: 'CV',
    subject: 'Về việc báo cáo tiến độ giải ngân',
    urgency: options.urgency ?? 'thuong',
    ...(options.dueOn ? { dueOn: options.dueOn } : {}),
  });
  if (options.completedOn) await office.call('documents.update', { id: document.id, completedOn: options.completedOn });
  return document;
}

async function sent(
  office: TestOffice,
  issuedOn: string,
  recipients: ({ agencyCode: string } | { name: string })[],
  urgency: Urgency = 'thuong',
) {
  const draft = await office.call('outgoing.draft', {
    type: 'CV',
    subject: 'Về việc tổng hợp số liệu',
    recipients,
    urgency,
  });
  return office.call('outgoing.issue', { id: draft.id, issuedOn });
}

describe('the dashboard', () => {
  it('counts the month, the year behind it, deadlines and the share of documents sent to the hub', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    await received(office, '2025-03-31');
    await received(office, '2025-04-01');
    await received(office, '2026-01-10');
    await received(office, '2026-01-11');
    await received(office, '2026-02-02', { dueOn: '2026-02-20', completedOn: '2026-02-19' });
    await received(office, '2026-02-03', { dueOn: '2026-03-10' });
    await received(office, '2026-02-04');
    await received(office, '2026-03-01', { urgency: 'hoa-toc', dueOn: '2026-03-19' });
    await received(office, '2026-03-02', { urgency: 'khan', dueOn: '2026-03-20' });
    await received(office, '2026-03-16');
    await received(office, '2026-03-20', { dueOn: '2026-03-31' });

    await sent(office, '2026-02-27', [{ agencyCode: '000.00.20.H56' }]);
    await sent(office, '2026-03-02', [{ agencyCode: '000.00.20.H56' }, { name: 'Lưu VT' }], 'thuong-khan');
    const refused = await sent(office, '2026-03-03', [{ agencyCode: '000.00.99.H56' }]);
    await sent(office, '2026-03-04', [{ name: 'Các thôn' }]);
    await sent(office, '2026-03-05', []);
    await office.call('outgoing.draft', { type: 'TB', subject: 'Dự thảo thông báo', urgency: 'hoa-toc' });
    // A draft with a deadline long past is not in a register: not overdue.
    await office.call('outgoing.draft', { type: 'TB', subject: 'Dự thảo báo cáo quý', dueOn: '2026-01-15' });
    // The hub refused this one: it did not go electronically.
    const change = office.core.db.prepare(`SELECT id FROM changes WHERE document_id = ?`).get(refused.id) as {
      id: string;
    };
    markChange(office.core.db, change.id, 'rejected', 'UNKNOWN_RECIPIENT', 'no such agency', '2026-03-03T10:00:00Z');

    const stats = await office.call('dashboard.stats', {});
    expect(stats).toMatchObject({
      month: '2026-03',
      receivedThisMonth: 4,
      sentThisMonth: 4,
      // Open, in a register and due before today (20 March): the ones due 10 and 19 March.
      overdue: 2,
      signedDigitallyPercent: 0,
      sentElectronicallyPercent: 25,
      byUrgency: { 'hoa-toc': 1, 'thuong-khan': 1, khan: 1, thuong: 5 },
    });
    expect(stats.byMonth).toEqual([
      { month: '2025-04', received: 1, sent: 0 },
      { month: '2025-05', received: 0, sent: 0 },
      { month: '2025-06', received: 0, sent: 0 },
      { month: '2025-07', received: 0, sent: 0 },
      { month: '2025-08', received: 0, sent: 0 },
      { month: '2025-09', received: 0, sent: 0 },
      { month: '2025-10', received: 0, sent: 0 },
      { month: '2025-11', received: 0, sent: 0 },
      { month: '2025-12', received: 0, sent: 0 },
      { month: '2026-01', received: 2, sent: 0 },
      { month: '2026-02', received: 3, sent: 1 },
      { month: '2026-03', received: 4, sent: 4 },
    ]);

    const february = await office.call('dashboard.stats', { month: '2026-02' });
    expect(february).toMatchObject({
      receivedThisMonth: 3,
      sentThisMonth: 1,
      sentElectronicallyPercent: 100,
      signedDigitallyPercent: 0,
      overdue: 2,
    });
    expect(february.byMonth[0]).toEqual({ month: '2025-03', received: 1, sent: 0 });
    expect(february.byMonth.at(-1)).toEqual({ month: '2026-02', received: 3, sent: 1 });
  });

  it('counts as overdue only the deadlines of this year that have passed, not those left from last year', async () => {
    const office = await openTestOffice({ now: '2025-12-01T09:00:00+07:00' });
    await received(office, '2025-11-20', { dueOn: '2025-12-20' });
    await received(office, '2025-11-21', { dueOn: '2025-12-31', completedOn: '2025-12-30' });
    office.setNow('2026-03-20T09:00:00+07:00');
    await received(office, '2026-01-05', { dueOn: '2026-01-15' });
    await received(office, '2026-03-10', { dueOn: '2026-03-19' });
    await received(office, '2026-03-11', { dueOn: '2026-03-20' });
    // Open since December 2025: still overdue in its register, but not this year's backlog.
    expect((await office.call('documents.list', { view: 'incoming', overdue: true })).total).toBe(3);
    expect((await office.call('dashboard.stats', {})).overdue).toBe(2);
    expect((await office.call('dashboard.stats', { month: '2025-12' })).overdue).toBe(2);
    office.setNow('2026-01-01T08:00:00+07:00');
    expect((await office.call('dashboard.stats', {})).overdue).toBe(0);
  });

  it('gives no percentage for a month without outgoing documents and rounds to one decimal', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    await received(office, '2026-01-05');
    expect(await office.call('dashboard.stats', { month: '2026-01' })).toMatchObject({
      sentThisMonth: 0,
      signedDigitallyPercent: null,
      sentElectronicallyPercent: null,
    });
    await sent(office, '2026-03-02', [{ agencyCode: '000.00.20.H56' }]);
    await sent(office, '2026-03-03', []);
    await sent(office, '2026-03-04', []);
    expect((await office.call('dashboard.stats', {})).sentElectronicallyPercent).toBe(33.3);
  });

  it('refuses a month that is not yyyy-mm', async () => {
    const office = await openTestOffice();
    for (const month of ['2026-13', '2026-3', 'tháng 3', '2026-03-01', '']) {
      expect((await rejection(office.call('dashboard.stats', { month }))).code).toBe('INPUT_INVALID');
    }
  });
});
