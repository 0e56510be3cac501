// Browser mode's transport: the same calls and events as Electron's preload,
// over the loopback server that started this page. The session cookie it set
// at /login authenticates every request; nothing secret lives in the page.
import type { HandlerName } from '../../../shared/api.ts';
import { browserRoutes, type AppEvent, type CallResult, type VanthuBridge } from '../../../shared/bridge.ts';

export function httpBridge(): VanthuBridge {
  return {
    async call<K extends HandlerName>(name: K, input: unknown): Promise<CallResult<K>> {
      let response: Response;
      try {
        response = await fetch(browserRoutes.call, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, input }),
          credentials: 'same-origin',
        });
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: lostServerMessage, detail: String(error) } };
      }
      try {
        return (await response.json()) as CallResult<K>;
      } catch (error) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: lostServerMessage, detail: `HTTP ${response.status}: ${String(error)}` },
        };
      }
    },
    onEvent(listener: (event: AppEvent) => void) {
      const source = new EventSource(browserRoutes.events, { withCredentials: true });
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as AppEvent);
      return () => source.close();
    },
  };
}

const lostServerMessage =
  'Mất kết nối với phần lõi của vanthu (cửa sổ dòng lệnh đã bị đóng?). Chạy lại vanthu rồi mở lại trang này; dữ liệu đã lưu vẫn còn nguyên.';
