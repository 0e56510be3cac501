// The whole IPC surface: one invoke channel that carries a handler name and
// its input to the core host. Nothing else is bound. The sender must be a
// frame of our own app:// origin (a page that got in by other means is
// refused), and the name must be one of the table's; core validates the input.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { schemas, type HandlerName } from '../shared/api.ts';
import { ipcChannels, type CallResult } from '../shared/bridge.ts';
import { AppError, type ErrorCode } from '../shared/errors.ts';
import { windowCallRefusal } from '../shared/window-calls.ts';
import { isAppUrl } from './app-url.ts';

export interface CoreCaller {
  call(name: string, input: unknown): Promise<CallResult<HandlerName>>;
}

export function bindApi(ipcMain: Pick<IpcMain, 'handle'>, host: CoreCaller): void {
  ipcMain.handle(ipcChannels.call, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(senderUrl))
      return refused('IPC_FORBIDDEN', `call from ${senderUrl.slice(0, 200) || 'a destroyed frame'}`);
    if (typeof name !== 'string' || !Object.hasOwn(schemas, name)) {
      return refused('INPUT_INVALID', `unknown handler ${JSON.stringify(String(name).slice(0, 80))}`);
    }
    const refusal = windowCallRefusal(name, input);
    if (refusal) return refused('IPC_FORBIDDEN', refusal);
    return host.call(name, input);
  });
}

function refused(code: ErrorCode, detail: string): CallResult<HandlerName> {
  return { ok: false, error: new AppError(code, detail).toValue() };
}
