// The renderer's only door: `window.vanthu` with call and onEvent. ipcRenderer
// itself never crosses the bridge, so a page cannot reach other channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type AppEvent, type VanthuBridge } from '../shared/bridge.ts';

const bridge = {
  call: (name, input) => ipcRenderer.invoke(ipcChannels.call, name, input),
  onEvent: (listener) => {
    const relay = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(ipcChannels.event, relay);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, relay);
    };
  },
} satisfies VanthuBridge;

contextBridge.exposeInMainWorld('vanthu', bridge);
