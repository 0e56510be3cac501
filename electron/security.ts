// Electron's security checklist, applied to every web contents and to the
// session: the UI stays on app://vanthu, opens no windows, embeds no
// webviews, gets no permission but desktop notifications, and loads nothing
// from the network.
import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url.ts';

// data: and blob: are the images and the pdf.js worker the page makes itself; devtools: is the inspector.
const ALLOWED_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:']);

function schemeOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

export function secureContents(contents: WebContents): void {
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A link to a public web page (the law on vbpl.vn, say) opens in the user's browser, never here.
  contents.setWindowOpenHandler(({ url }) => {
    if (schemeOf(url) === 'https:') void shell.openExternal(url);
    return { action: 'deny' };
  });
}

// "Việc của tôi" tells the official of new work by a desktop notification: the one
// permission granted, and only to the app's own page.
function allowed(permission: string, url: string | undefined): boolean {
  return permission === 'notifications' && url !== undefined && isAppUrl(url);
}

export function secureSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
  session.webRequest.onBeforeRequest((details, callback) => {
    const scheme = schemeOf(details.url);
    callback({ cancel: scheme === null || !ALLOWED_SCHEMES.has(scheme) });
  });
}

/** Every web contents the app ever creates is secured as it is created. */
export function secureApp(): void {
  app.on('web-contents-created', (_event, contents) => secureContents(contents));
}
