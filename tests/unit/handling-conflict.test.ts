// Two leaders on their own desktops, offline, deciding the same document: the
// events are folded in HLC order whatever order they arrived in, both are
// kept, and the one recorded without knowing the other shows as a conflict
// until a leader who has seen both decides again.
import { describe, expect, it } from 'vitest';
import { deriveHandling, type EventDetail, type HandlingEvent } from '../../core/workflow/handling-state.ts';
import type { HandlingEventKind } from '../../shared/handling.ts';

const CLERK = 'clerk';
const CHAIRMAN = 'chairman';
const VICE = 'vice-chairman';
const BINH = 'binh';
const CUC = 'cuc';

const CHAIRMAN_DESK = 'aaaaaaaaaaaaaaaa';
const VICE_DESK = 'bbbbbbbbbbbbbbbb';
const CLERK_DESK = 'cccccccccccccccc';

/** An HLC on one desk at a minute past 9:00 on 2 March 2026 (Vietnam time). */
const hlc = (minute: number, desk: string) => `2026-03-02T02:${String(minute).padStart(2, '0')}:00.000Z-0000-${desk}`;

function event(id: string, kind: HandlingEventKind, personId: string, at: string, detail: EventDetail): HandlingEvent {
  return { id, kind, personId, at: at.slice(0, 24), day: '2026-03-02', hlc: at, detail };
}

/** The events in HLC order, as listHandlingEvents gives them. */
const inHlcOrder = (events: HandlingEvent[]) => [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));

const submitted = event('e1', 'submitted', CLERK, hlc(0, CLERK_DESK), { to: CHAIRMAN, basis: null });
const byChairman = event('e2', 'assigned', CHAIRMAN, hlc(10, CHAIRMAN_DESK), {
  main: BINH,
  with: [],
  inform: [],
  dueOn: '2026-03-06',
  basis: submitted.hlc,
});
// The vice-chairman's desk had the submission too, but not the chairman's assignment.
const byVice = event('e3', 'assigned', VICE, hlc(20, VICE_DESK), {
  main: CUC,
  with: [BINH],
  inform: [],
  dueOn: '2026-03-13',
  basis: submitted.hlc,
});

describe('two leaders assigning the same document before their desks synced', () => {
  it('keeps both and follows the later by HLC, its handler and its deadline', () => {
    const s = deriveHandling('incoming', [submitted, byChairman, byVice]);
    expect(s.conflict).toEqual({ kind: 'assignment', events: ['e2', 'e3'] });
    expect(s).toMatchObject({ state: 'assigned', main: CUC, with: [BINH], dueOn: '2026-03-13', assigner: VICE });
  });

  it('reaches the same state on every desk, whichever event arrived first', () => {
    // The chairman's desk stored its own event first; the order by HLC is what counts.
    const here = deriveHandling('incoming', inHlcOrder([byVice, submitted, byChairman]));
    const there = deriveHandling('incoming', inHlcOrder([submitted, byChairman, byVice]));
    expect(here).toEqual(there);
  });

  it('merges the deadline by HLC: the earlier-recorded assignment wins when its clock is later', () => {
    const lateChairman = { ...byChairman, hlc: hlc(30, CHAIRMAN_DESK) };
    const s = deriveHandling('incoming', inHlcOrder([submitted, lateChairman, byVice]));
    expect(s.conflict).toEqual({ kind: 'assignment', events: ['e3', 'e2'] });
    expect(s).toMatchObject({ main: BINH, dueOn: '2026-03-06', assigner: CHAIRMAN });
  });

  it('is settled by a later assignment from a leader who has seen both', () => {
    const settled = event('e4', 'assigned', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      main: CUC,
      with: [],
      inform: [BINH],
      dueOn: '2026-03-10',
      basis: byVice.hlc,
    });
    const s = deriveHandling('incoming', [submitted, byChairman, byVice, settled]);
    expect(s.conflict).toBeNull();
    expect(s).toMatchObject({ main: CUC, with: [], inform: [BINH], dueOn: '2026-03-10' });
  });

  it('stays a conflict when the next assignment knew only one of them', () => {
    // A third leader's desk had synced with the chairman's only.
    const third = event('e4', 'assigned', CHAIRMAN, hlc(40, CLERK_DESK), {
      main: BINH,
      with: [],
      inform: [],
      dueOn: '2026-03-20',
      basis: byChairman.hlc,
    });
    const s = deriveHandling('incoming', [submitted, byChairman, byVice, third]);
    expect(s.conflict).toEqual({ kind: 'assignment', events: ['e3', 'e4'] });
    expect(s.dueOn).toBe('2026-03-20');
  });

  it('lists every concurrent assignment, three leaders as well as two', () => {
    const third = event('e4', 'assigned', CHAIRMAN, hlc(25, CLERK_DESK), {
      main: BINH,
      with: [],
      inform: [],
      dueOn: '2026-03-20',
      basis: null,
    });
    const s = deriveHandling('incoming', [submitted, byChairman, byVice, third]);
    expect(s.conflict).toEqual({ kind: 'assignment', events: ['e2', 'e3', 'e4'] });
  });

  it('sees no conflict in the events of one desk, made one after another, nor in those made before desks synced', () => {
    const second = { ...byVice, detail: { ...byVice.detail, basis: byChairman.hlc } };
    expect(deriveHandling('incoming', [submitted, byChairman, second]).conflict).toBeNull();
    const withoutBasis = (e: HandlingEvent): HandlingEvent => {
      const { basis: _basis, ...detail } = e.detail;
      return { ...e, detail };
    };
    expect(deriveHandling('incoming', [submitted, byChairman, byVice].map(withoutBasis)).conflict).toBeNull();
  });
});

describe('an extension decided on two desks before they synced', () => {
  const asked = event('e4', 'extension-asked', CUC, hlc(30, 'dddddddddddddddd'), {
    dueOn: '2026-03-20',
    reason: 'Chờ số liệu của thôn',
    basis: byVice.hlc,
  });
  const settled = event('e3b', 'assigned', CHAIRMAN, hlc(25, CHAIRMAN_DESK), {
    main: CUC,
    with: [],
    inform: [],
    dueOn: '2026-03-13',
    basis: byVice.hlc,
  });
  const base = [submitted, byChairman, byVice, settled, asked];

  it('grants the later by HLC when both granted, and shows the conflict', () => {
    const chairmanGrants = event('e5', 'extension-granted', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      dueOn: '2026-03-20',
      basis: asked.hlc,
    });
    const viceSetsOwn = event('e6', 'extension-granted', VICE, hlc(45, VICE_DESK), {
      dueOn: '2026-03-27',
      basis: asked.hlc,
    });
    const s = deriveHandling('incoming', [...base, chairmanGrants, viceSetsOwn]);
    expect(s.conflict).toEqual({ kind: 'extension', events: ['e5', 'e6'] });
    expect(s).toMatchObject({ dueOn: '2026-03-27', extensionAsked: null, waitingOn: null });
  });

  it('leaves the deadline as it was when the later decision refused what the earlier one granted', () => {
    const chairmanGrants = event('e5', 'extension-granted', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      dueOn: '2026-03-20',
      basis: asked.hlc,
    });
    const viceRefuses = event('e6', 'extension-refused', VICE, hlc(45, VICE_DESK), { note: null, basis: asked.hlc });
    const s = deriveHandling('incoming', [...base, chairmanGrants, viceRefuses]);
    expect(s.conflict).toEqual({ kind: 'extension', events: ['e5', 'e6'] });
    expect(s).toMatchObject({ dueOn: '2026-03-13', extensionAsked: null });
  });

  it('grants when the later decision granted what the earlier refused', () => {
    const chairmanRefuses = event('e5', 'extension-refused', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      note: null,
      basis: asked.hlc,
    });
    const viceGrants = event('e6', 'extension-granted', VICE, hlc(45, VICE_DESK), {
      dueOn: '2026-03-20',
      basis: asked.hlc,
    });
    const s = deriveHandling('incoming', [...base, chairmanRefuses, viceGrants]);
    expect(s.conflict).toEqual({ kind: 'extension', events: ['e5', 'e6'] });
    expect(s.dueOn).toBe('2026-03-20');
  });

  it('is no conflict when the second leader decided after seeing the first decision', () => {
    const chairmanGrants = event('e5', 'extension-granted', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      dueOn: '2026-03-20',
      basis: asked.hlc,
    });
    const viceExtendsAgain = event('e6', 'extension-granted', VICE, hlc(45, VICE_DESK), {
      dueOn: '2026-03-27',
      basis: chairmanGrants.hlc,
    });
    const s = deriveHandling('incoming', [...base, chairmanGrants, viceExtendsAgain]);
    expect(s.conflict).toBeNull();
    expect(s.dueOn).toBe('2026-03-27');
  });

  it('shows the assignment conflict first: an assignment decides more than a deadline', () => {
    const chairmanGrants = event('e5', 'extension-granted', CHAIRMAN, hlc(40, CHAIRMAN_DESK), {
      dueOn: '2026-03-20',
      basis: byChairman.hlc,
    });
    const s = deriveHandling('incoming', [submitted, byChairman, byVice, chairmanGrants]);
    expect(s.conflict?.kind).toBe('assignment');
  });
});
