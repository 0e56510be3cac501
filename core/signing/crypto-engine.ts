// pkijs keeps one global crypto engine; every module that parses or builds
// CMS calls this first so the order of imports never matters.
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let installed = false;

export function ensurePkijsEngine(): void {
  if (installed) return;
  // Node's webcrypto is the standard Crypto; the cast only bridges Node's and the DOM's typings.
  pkijs.setEngine(
    'node',
    new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'] }),
  );
  installed = true;
}
