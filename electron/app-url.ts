// The one origin the UI is loaded from: app://vanthu, a privileged custom
// scheme served from the bundled renderer (never file://, never the network).
export const APP_SCHEME = 'app';
export const APP_HOST = 'vanthu';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
