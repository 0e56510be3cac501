// What the renderer sees of core, whichever transport carries it: Electron's
// preload (contextBridge) or browser mode's loopback HTTP. Errors travel as
// values so the UI always has a code and a Vietnamese message, never a stack.
import type { CoreEvent, HandlerInput, HandlerName, Outputs } from './api.ts';
import type { ErrorValue } from './errors.ts';

export type CallResult<K extends HandlerName> = { ok: true; value: Outputs[K] } | { ok: false; error: ErrorValue };

/** `window.vanthu`: the only thing the renderer may use to reach core. */
export interface VanthuBridge {
  call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<CallResult<K>>;
  /** Progress and state pushed by core; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** Core's progress events, plus what the host reports about itself. */
export type AppEvent =
  | CoreEvent
  /** The scheduled sync started or ended (the tray and the sync panel follow it). */
  | { type: 'sync.state'; running: boolean; trigger: 'manual' | 'schedule' | 'line-up' | null; ok: boolean | null };

/** Electron IPC channel names: one for calls, one for events. */
export const ipcChannels = { call: 'vanthu:call', event: 'vanthu:event' } as const;

/** Browser mode's HTTP routes (loopback only). */
export const browserRoutes = {
  call: '/api/call',
  events: '/api/events',
  /** Where the printed URL points: trades the one-time token for a session cookie. */
  login: '/login',
} as const;
