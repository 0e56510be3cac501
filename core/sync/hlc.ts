// Hybrid logical clock (Kulkarni et al.; the string form follows Actual
// Budget's): wall-clock millis corrected by the hub's offset, a counter for
// events within one milli, and the node that made it. As a string it sorts
// in causal order, so "newer" is a string comparison.
import { randomBytes } from 'node:crypto';

export interface HlcState {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
const HLC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function newNode(): string {
  return randomBytes(8).toString('hex');
}

export function formatHlc(state: HlcState): string {
  return `${new Date(state.millis).toISOString()}-${state.counter.toString(16).padStart(4, '0')}-${state.node}`;
}

export function parseHlc(text: string): HlcState {
  const match = HLC.exec(text);
  if (!match) throw new Error(`not an HLC: ${text}`);
  return { millis: Date.parse(match[1]!), counter: parseInt(match[2]!, 16), node: match[3]! };
}

/**
 * The clock for a local event at physical time `now`. A clock far behind or
 * ahead is never refused (commune PCs are often wrong): the logical part
 * keeps order, and the hub's offset corrects the physical part.
 */
export function tick(last: HlcState, now: number): HlcState {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  // Past 65,535 events in one milli the clock moves itself forward rather than fail.
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** After seeing a remote clock: later than both it and anything issued here. */
export function receive(last: HlcState, remote: HlcState, now: number): HlcState {
  const millis = Math.max(last.millis, remote.millis, now);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}
