// electron-builder beforePack hook: rebuilds better-sqlite3 and pkcs11js for
// the Electron version and CPU architecture being packaged (Electron 45 is
// NODE_MODULE_VERSION 150; the Node 20 that runs the tests is 115).
//
// It needs Electron's headers, which @electron/rebuild downloads from
// https://www.electronjs.org/headers (artifacts.electronjs.org). Where that
// site cannot be reached, point ELECTRON_HEADERS_URL at a mirror with the same
// layout (v<version>/node-v<version>-headers.tar.gz). @electron/rebuild 4
// needs Node >= 22.12 on the packaging machine.
//
// The modules are rebuilt in place: afterwards `npm rebuild better-sqlite3
// pkcs11js` gives the test suite its Node build back.
const { Arch } = require('electron-builder');

exports.default = async function beforePack(context) {
  const { rebuild } = await import('@electron/rebuild');
  const arch = Arch[context.arch];
  const electronVersion = context.packager.info.framework.version;
  process.stderr.write(`before-pack: rebuilding better-sqlite3, pkcs11js for Electron ${electronVersion} ${arch}\n`);
  await rebuild({
    buildPath: context.packager.info.appDir,
    electronVersion,
    arch,
    onlyModules: ['better-sqlite3', 'pkcs11js'],
    force: true,
    ...(process.env.ELECTRON_HEADERS_URL ? { headerURL: process.env.ELECTRON_HEADERS_URL } : {}),
  });
};
