// Messages between a transport (the Electron main process, or a test) and the
// core host process (core/host/utility-entry.ts). The same messages travel over
// Electron's utilityProcess parentPort and over child_process IPC.
import type { HandlerName } from './api.ts';
import type { AppEvent, CallResult } from './bridge.ts';

/** To the host. Names are checked by the host: they come from another process. */
export type HostRequest = { type: 'call'; id: number; name: string; input: unknown } | { type: 'close' };

/** From the host. `ready` comes once, when it listens: senders hold their calls until then. */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: CallResult<HandlerName> }
  | { type: 'event'; event: AppEvent };
