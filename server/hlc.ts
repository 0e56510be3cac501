// The hub's own hybrid logical clock, for records it writes itself (an
// official the admin adds). Same string form as the desks' (core/sync/hlc.ts),
// so every side compares it with a plain string comparison.

/** The node part of every HLC the hub makes; no desk draws sixteen zeros at random. */
export const HUB_HLC_NODE = '0000000000000000';

export const hubHlc = (now: number = Date.now()): string => `${new Date(now).toISOString()}-0000-${HUB_HLC_NODE}`;
