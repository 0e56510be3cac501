// PKCS#11 driver files of the token brands Vietnamese offices use (Viettel-CA,
// VNPT-CA, BkavCA, FPT-CA, CA2, Newtel, SafeNet, Feitian ePass…), as installed
// by their vendors; see shared/domain/vietnam-office.md §4. Only files that
// exist are offered; each is then probed with C_GetInfo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WINDOWS_DLLS = [
  'viettel-ca_v6.dll',
  'viettel-ca_v5.dll',
  'viettel-ca_v4.dll',
  'viettel-ca_v3.dll',
  'viettel-ca_v2.dll',
  'viettel-ca_v1.dll',
  'viettel-ca.dll',
  'vnpt-ca_csp11.dll',
  'vnpt-ca_csp11_s.dll',
  'vnpt-ca_v34.dll',
  'vnpt-ca_cl_v1.dll',
  'vnptca_p11_v10.dll',
  'vnptca_p11_v9.dll',
  'vnptca_p11_v8.dll',
  'vnptca_p11_v7.dll',
  'vnptca_p11_v6.dll',
  'BkavCA.dll',
  'bkavcaetoken_p11.dll',
  'fpt-ca.dll',
  'fpt-ca-stx.dll',
  'SignatureP11.dll',
  'ShuttleCsp11_3003.dll',
  'CA2_csp11.dll',
  'CA2_v34.dll',
  'safe-ca.dll',
  'Vina-CA.dll',
  'Vina-CA_s.dll',
  'nca_eps2k2a.dll',
  'nca_eps2k3a.dll',
  'ostc1_csp11.dll',
  'st3csp11.dll',
  'vdctdcsp11.dll',
  'ngp11v211.dll',
  'eTPKCS11.dll',
  'eToken.dll',
  'eps2003csp11.dll',
  'eps2003csp11v2.dll',
  'wdpkcs.dll',
  'U1000AUTO.dll',
  'gclib.dll',
  'psapkcs.dll',
];

const UNIX_PATHS = [
  '/usr/lib/libeps2003csp11.so',
  '/usr/lib64/libeps2003csp11.so',
  '/usr/lib/libviettel-ca_v2.so',
  '/usr/lib/libvsignspkcs11.so',
  '/usr/lib/libvnpt-pkcs11.so',
  '/usr/lib/libnpki-pkcs11.so',
  '/usr/lib/libfpt-pkcs11.so',
  '/usr/lib/libcastle.so',
  // OpenSC drives ePass2003 and other PC/SC cards without vendor software.
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/opensc-pkcs11.so',
  '/usr/lib64/opensc-pkcs11.so',
];

const MAC_PATHS = ['/usr/local/lib/libeps2003csp11.dylib', '/Library/OpenSC/lib/opensc-pkcs11.so'];

/** Candidate driver paths for this OS, whether or not they exist. */
export function knownModulePaths(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'win32') {
    const windows = env.SystemRoot ?? 'C:\\Windows';
    // A 64-bit app loads only 64-bit DLLs, which live in System32 (SysWOW64 holds the 32-bit ones).
    const folders = [
      path.win32.join(windows, 'System32'),
      path.win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'VNPT-CA', 'VNPT-CA PKI Token CSP'),
    ];
    return folders.flatMap((folder) => WINDOWS_DLLS.map((dll) => path.win32.join(folder, dll)));
  }
  if (platform === 'darwin') return MAC_PATHS;
  return [...UNIX_PATHS, path.join(os.homedir(), '.uid', 'viettel-ca_v6.so')];
}

/** The known driver files present on this machine. */
export function installedKnownModules(): string[] {
  return knownModulePaths().filter((file) => fs.existsSync(file));
}
