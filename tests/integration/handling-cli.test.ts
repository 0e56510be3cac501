// The handling of documents from the command line, as a script or a clerk's
// shell would run it: officials, --as with passwords on stdin, every step
// with --json, "task list" and "show" with its handling.
import { describe, expect, it } from 'vitest';
import type { Outputs } from '../../shared/api.ts';
import { vanthu } from '../helpers/cli.ts';
import { tempDir } from '../helpers/office.ts';

type Handling = Outputs['handling.get'];

function setUp() {
  const dir = tempDir();
  expect(vanthu(dir, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']).status).toBe(0);
  const add = (args: string[], input?: string) => {
    const result = vanthu<{ id: string }>(dir, ['person', 'add', ...args], input === undefined ? {} : { input });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    return result.json.id;
  };
  const clerk = add(['Lê Thị Văn', '--title', 'Văn thư', '--role', 'clerk']);
  const chairman = add(
    ['Nguyễn Văn An', '--title', 'Chủ tịch UBND xã', '--role', 'leader', '--new-password-stdin'],
    'chu-tich-2026\n',
  );
  const officer = add(['Trần Văn Bình', '--title', 'Công chức Văn phòng', '--role', 'officer']);
  const letter = vanthu<{ id: string }>(dir, [
    'incoming',
    'add',
    '--from',
    'UBND tỉnh Thanh Hóa',
    '--number',
    '12/UBND-VX',
    '--issued',
    '2026-01-05',
    '--arrived',
    '2026-01-06',
    '--type',
    'CV',
    '--subject',
    'Về việc báo cáo tình hình',
  ]).json.id;
  return { dir, clerk, chairman, officer, letter };
}

describe('vanthu person, submit, assign, receive, extend, complete, task list', () => {
  it('runs the handling of a letter with each official acting by --as', () => {
    const { dir, chairman, officer, letter } = setUp();
    const run = <T = Handling>(args: string[], input?: string) => {
      const result = vanthu<T>(dir, args, input === undefined ? {} : { input });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      return result.json;
    };
    const listed = run<Outputs['people.list']>(['person', 'list']).people;
    expect(listed.map((p) => [p.name, p.role, p.hasPassword])).toEqual([
      ['Lê Thị Văn', 'clerk', false],
      ['Nguyễn Văn An', 'leader', true],
      ['Trần Văn Bình', 'officer', false],
    ]);

    // The clerk's desk acts as the clerk without --as.
    expect(run(['submit', letter, '--to', 'Nguyễn Văn An']).state).toBe('submitted');

    // A leader's password comes on stdin; a wrong one stops before anything is written.
    const wrong = vanthu<{ error: { code: string } }>(
      dir,
      ['assign', letter, '--as', 'Nguyễn Văn An', '--password-stdin', '--main', officer, '--due', '2026-12-31'],
      { input: 'sai\n' },
    );
    expect(wrong.status).toBe(1);
    expect(wrong.json.error.code).toBe('PASSWORD_INCORRECT');
    const missing = vanthu<{ error: { code: string } }>(dir, [
      'assign',
      letter,
      '--as',
      chairman,
      '--main',
      officer,
      '--due',
      '2026-12-31',
    ]);
    expect(missing.json.error.code).toBe('PASSWORD_REQUIRED');

    const leaderTasks = run<Outputs['tasks.list']>(
      ['task', 'list', '--as', chairman, '--password-stdin'],
      'chu-tich-2026\n',
    );
    expect(leaderTasks.tasks).toEqual([
      expect.objectContaining({ documentId: letter, role: 'direct', state: 'submitted', dueOn: null, overdue: false }),
    ]);

    const assigned = run(
      [
        'assign',
        letter,
        '--as',
        'nguyen van an',
        '--password-stdin',
        '--main',
        'Trần Văn Bình',
        '--due',
        '2026-12-31',
        '--note',
        'Giao đồng chí Bình',
      ],
      'chu-tich-2026\n',
    );
    expect(assigned).toMatchObject({ state: 'assigned', mainHandler: { id: officer }, dueOn: '2026-12-31' });

    const mine = run<Outputs['tasks.list']>(['task', 'list', '--as', officer]);
    expect(mine.tasks).toEqual([
      expect.objectContaining({ documentId: letter, role: 'main', state: 'assigned', dueOn: '2026-12-31' }),
    ]);
    expect(run(['receive', letter, '--as', officer]).state).toBe('received');
    const asked = run(['extend', letter, '--as', officer, '--due', '2027-01-15', '--reason', 'Chờ số liệu']);
    expect(asked.extensionAsked).toMatchObject({ dueOn: '2027-01-15', reason: 'Chờ số liệu' });
    const granted = run(['extend', 'grant', letter, '--as', chairman, '--password-stdin'], 'chu-tich-2026\n');
    expect(granted).toMatchObject({ dueOn: '2027-01-15', extensionAsked: null });
    expect(run(['complete', letter, '--as', officer, '--note', 'Đã báo cáo']).state).toBe('completed');

    const shown = run<Outputs['documents.get']>(['show', letter]);
    expect(shown.handling).toMatchObject({
      state: 'completed',
      mainHandler: { name: 'Trần Văn Bình' },
      dueOn: '2027-01-15',
    });
    expect(shown.handling!.events.map((event) => event.kind)).toEqual([
      'submitted',
      'assigned',
      'received',
      'extension-asked',
      'extension-granted',
      'completed',
    ]);
    const text = vanthu(dir, ['show', letter], { json: false }).stdout;
    expect(text).toContain('Xử lý: Hoàn thành');
    expect(text).toContain('Giao xử lý — Nguyễn Văn An: Giao đồng chí Bình');
  });

  it('returns with a reason, refuses steps out of turn, and says so in Vietnamese', () => {
    const { dir, chairman, officer, letter } = setUp();
    vanthu(dir, ['assign', letter, '--as', chairman, '--password-stdin', '--main', officer, '--due-days', '3'], {
      input: 'chu-tich-2026\n',
    });
    const outOfTurn = vanthu(dir, ['complete', letter], { json: false });
    expect(outOfTurn.status).toBe(1);
    expect(outOfTurn.stderr).toContain('không thuộc quyền');
    const noReason = vanthu(dir, ['return', letter, '--as', officer], { json: false });
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toContain('--note');
    const returned = vanthu<Handling>(dir, ['return', letter, '--as', officer, '--note', 'Không thuộc lĩnh vực']);
    expect(returned.json).toMatchObject({ state: 'returned', waitingOn: { id: chairman } });
    const unknown = vanthu<{ error: { code: string } }>(dir, ['task', 'list', '--as', 'Không Có Ai']);
    expect(unknown.json.error.code).toBe('PERSON_NOT_FOUND');
    const badDeadline = vanthu(dir, ['assign', letter, '--as', chairman, '--main', officer], { json: false });
    expect(badDeadline.status).toBe(2);
    expect(badDeadline.stderr).toContain('--due');
  });

  it('edits, deactivates and sets passwords of officials', () => {
    const { dir, officer } = setUp();
    const edited = vanthu<Outputs['people.edit']>(dir, ['person', 'edit', officer, '--unit', 'Phòng Kinh tế']);
    expect(edited.json.unit).toBe('Phòng Kinh tế');
    const withPassword = vanthu<Outputs['people.setPassword']>(dir, ['person', 'password', officer], {
      input: 'mat-khau-moi\n',
    });
    expect(withPassword.json.hasPassword).toBe(true);
    expect(vanthu(dir, ['task', 'list', '--as', officer]).json).toMatchObject({ error: { code: 'PASSWORD_REQUIRED' } });
    expect(vanthu(dir, ['task', 'list', '--as', officer, '--password-stdin'], { input: 'mat-khau-moi\n' }).status).toBe(
      0,
    );
    const off = vanthu<Outputs['people.deactivate']>(dir, ['person', 'deactivate', officer]);
    expect(off.json.active).toBe(false);
    expect(
      vanthu(dir, ['task', 'list', '--as', officer, '--password-stdin'], { input: 'mat-khau-moi\n' }).json,
    ).toMatchObject({
      error: { code: 'PERSON_INACTIVE' },
    });
  });
});
