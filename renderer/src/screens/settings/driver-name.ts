// A token driver as the clerk knows it: the certificate provider's brand
// ("Viettel-CA"), not the file it lives in. Files of brands not listed here
// show their own name, without folder or extension.

const brands: [RegExp, string][] = [
  [/viettel/i, 'Viettel-CA'],
  [/vnpt/i, 'VNPT-CA'],
  [/bkav/i, 'BkavCA'],
  [/fpt/i, 'FPT-CA'],
  [/ca2/i, 'CA2'],
  [/vina-ca/i, 'Vina-CA'],
  [/safe-ca/i, 'Safe-CA'],
  [/newtel|ngp11/i, 'Newtel-CA'],
  [/^nca_|nacencomm/i, 'Nacencomm'],
  [/etpkcs11|etoken/i, 'SafeNet eToken'],
  [/eps2003|eps2k/i, 'Feitian ePass'],
  [/opensc/i, 'OpenSC'],
  [/softhsm/i, 'SoftHSM'],
];

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function driverName(path: string): string {
  const file = fileName(path);
  return brands.find(([pattern]) => pattern.test(file))?.[1] ?? file.replace(/\.(dll|so|dylib)(\.\d+)*$/i, '');
}
