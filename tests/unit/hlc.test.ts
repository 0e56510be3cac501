import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receive, tick } from '../../core/sync/hlc.ts';
import { hlcString } from '../../shared/sync-protocol.ts';

const node = 'aaaaaaaaaaaaaaaa';
const start = { millis: Date.parse('2026-11-27T08:00:00.000Z'), counter: 0, node };

describe('hybrid logical clock', () => {
  it('formats to the wire shape and parses back', () => {
    const text = formatHlc({ ...start, counter: 0x1f });
    expect(hlcString.safeParse(text).success).toBe(true);
    expect(text).toBe('2026-11-27T08:00:00.000Z-001f-aaaaaaaaaaaaaaaa');
    expect(parseHlc(text)).toEqual({ ...start, counter: 0x1f });
  });

  it('keeps moving forward when the wall clock stands still or goes back', () => {
    const a = tick(start, start.millis);
    const b = tick(a, start.millis - 60_000);
    const c = tick(b, start.millis + 5);
    const texts = [start, a, b, c].map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
    expect(new Set(texts).size).toBe(4);
  });

  it('moves the milli forward instead of failing when the counter is full', () => {
    const full = { ...start, counter: 0xffff };
    expect(tick(full, start.millis)).toEqual({ millis: start.millis + 1, counter: 0, node });
  });

  it('orders a local event after a remote clock far ahead (a PC clock that is wrong is not refused)', () => {
    const remote = { millis: start.millis + 3_600_000, counter: 7, node: 'bbbbbbbbbbbbbbbb' };
    const merged = receive(start, remote, start.millis);
    expect(formatHlc(merged) > formatHlc(remote)).toBe(true);
    expect(formatHlc(tick(merged, start.millis)) > formatHlc(merged)).toBe(true);
  });
});
