// The renderer's one way to core: window.vanthu (Electron preload) or, in
// browser mode, the loopback HTTP bridge. Calls resolve with the output or
// throw a CoreError carrying the code and the Vietnamese message to show.
import { useEffect, useEffectEvent } from 'react';
import type { HandlerInput, HandlerName, Outputs } from '../../../shared/api.ts';
import type { AppEvent, VanthuBridge } from '../../../shared/bridge.ts';
import type { ErrorValue } from '../../../shared/errors.ts';
import { httpBridge } from './http-bridge.ts';

declare global {
  interface Window {
    vanthu?: VanthuBridge;
  }
}

export class CoreError extends Error {
  readonly value: ErrorValue;
  constructor(value: ErrorValue) {
    super(value.message);
    this.name = 'CoreError';
    this.value = value;
  }
  get code() {
    return this.value.code;
  }
}

let bridge: VanthuBridge | null = null;
function currentBridge(): VanthuBridge {
  bridge ??= window.vanthu ?? httpBridge();
  return bridge;
}

export async function call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Outputs[K]> {
  const result = await currentBridge().call(name, input);
  if (!result.ok) throw new CoreError(result.error);
  return result.value;
}

/** Any thrown thing as something the UI can show: a code and a message, never a stack. */
export function asCoreError(error: unknown): CoreError {
  if (error instanceof CoreError) return error;
  return new CoreError({
    code: 'INTERNAL',
    message:
      'Đã xảy ra lỗi ngoài dự kiến; thao tác vừa rồi chưa hoàn tất. Hãy thử lại, nếu vẫn lỗi thì báo cho bộ phận kỹ thuật.',
    detail: error instanceof Error ? error.message : String(error),
  });
}

// One subscription to the transport, fanned out to every component that listens.
const listeners = new Set<(event: AppEvent) => void>();
let unsubscribe: (() => void) | null = null;

export function onEvent(listener: (event: AppEvent) => void): () => void {
  listeners.add(listener);
  unsubscribe ??= currentBridge().onEvent((event) => {
    for (const each of listeners) each(event);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/** Calls `listener` for every core event while the component is mounted. */
export function useCoreEvent(listener: (event: AppEvent) => void): void {
  const onCoreEvent = useEffectEvent(listener);
  useEffect(() => onEvent((event) => onCoreEvent(event)), []);
}
