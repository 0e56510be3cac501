// pkijs keeps one global crypto engine; every module that parses or builds
// CMS calls this first so the order of imports never matters.
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let installed = false;

export function ensurePkijsEngine(): void {
  if (installed) return;
  // Node's webcrypto is the standard Crypto that pkijs expects of a browser.
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto }));
  installed = true;
}
