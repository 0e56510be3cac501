// The one Content-Security-Policy of the UI, sent by both transports: the
// Electron shell's app:// protocol and browser mode's loopback server.
// Styles allow 'unsafe-inline' only because Ant Design injects <style> tags;
// scripts never run inline. pdf.js runs its worker from a same-origin file
// (or a blob: URL it makes from one), and decodes JPEG 2000 and JBIG2 scans
// with WebAssembly: 'wasm-unsafe-eval' lets it compile wasm, never JS eval.
// Nothing may leave for another origin.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Sent with every page and file of the UI, by both transports. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
