// `npm run build:electron`: the Electron app's JavaScript, bundled with esbuild
// into dist/electron:
//   main.cjs        the main process (only 'electron' and Node built-ins outside)
//   preload.cjs     the sandboxed preload: one file, nothing required but 'electron'
//   core-host.cjs   core, run in a utility process (core/host/utility-entry.ts)
//   token-host.cjs  the PKCS#11 token host that core forks per module
//   ocr-host.cjs    the OCR host that core forks per job (tesseract.js stays in node_modules:
//                   it starts its engine's worker and reads its wasm and trained data by path)
//   resources/      files core reads beside its sources (migrations, the signature font)
//   icon.png        window and tray icon
// Native modules and pdf.js stay in node_modules: the first two are rebuilt for
// Electron at packaging time, pdf.js loads its worker and font data by path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORE_EXTERNALS = ['better-sqlite3', 'pkcs11js', 'pdfjs-dist'];
const OCR_EXTERNALS = ['tesseract.js', '@tesseract.js-data/vie', '@napi-rs/canvas'];
/** What core reads relative to its own source files, copied under resources/ with the same layout. */
const CORE_RESOURCES = ['core/db/migrations', 'assets/fonts'];
const ICON = 'build/icon.png';

/**
 * Core finds its migrations and fonts with import.meta.dirname/url, which a
 * CommonJS bundle lacks. Each use is rewritten to the same path under the
 * bundle's resources/ folder, where CORE_RESOURCES are copied.
 */
const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(setup) {
    setup.onLoad({ filter: /\.ts$/ }, async (args) => {
      const relative = path.relative(ROOT, args.path);
      if (relative.startsWith('..') || relative.startsWith('node_modules')) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const posix = relative.split(path.sep).join('/');
      const contents = source
        .replace(/\bimport\.meta\.dirname\b/g, `__vanthuResource(${JSON.stringify(path.posix.dirname(posix))})`)
        .replace(/\bimport\.meta\.filename\b/g, `__vanthuResource(${JSON.stringify(posix)})`)
        .replace(
          /\bimport\.meta\.url\b/g,
          `require("node:url").pathToFileURL(__vanthuResource(${JSON.stringify(posix)})).href`,
        );
      return { contents, loader: 'ts' };
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  logLevel: 'silent',
  // An import.meta left empty by the CJS output would break at run time: make it a build error.
  logOverride: { 'empty-import-meta': 'error' },
  legalComments: 'none',
};

const coreBanner = {
  js: 'const __vanthuResource = (file) => require("node:path").join(__dirname, "resources", ...file.split("/"));',
};

export async function buildElectron(outdir = path.join(ROOT, 'dist', 'electron')): Promise<string[]> {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  const bundles: [string, BuildOptions][] = [
    [
      'main.cjs',
      {
        ...common,
        entryPoints: [path.join(ROOT, 'electron/main.ts')],
        external: ['electron'],
        define: { 'import.meta.dirname': '__dirname' },
      },
    ],
    [
      'preload.cjs',
      {
        ...common,
        entryPoints: [path.join(ROOT, 'electron/preload.ts')],
        platform: 'browser',
        target: 'chrome130',
        external: ['electron'],
      },
    ],
    [
      'core-host.cjs',
      {
        ...common,
        entryPoints: [path.join(ROOT, 'core/host/utility-entry.ts')],
        external: CORE_EXTERNALS,
        plugins: [sourceLocations],
        banner: coreBanner,
      },
    ],
    [
      'token-host.cjs',
      {
        ...common,
        entryPoints: [path.join(ROOT, 'core/signing/pkcs11/token-host.ts')],
        external: CORE_EXTERNALS,
        plugins: [sourceLocations],
        banner: coreBanner,
      },
    ],
    [
      'ocr-host.cjs',
      {
        ...common,
        entryPoints: [path.join(ROOT, 'core/ocr/ocr-host.ts')],
        external: [...CORE_EXTERNALS, ...OCR_EXTERNALS],
        plugins: [sourceLocations],
        banner: coreBanner,
      },
    ],
  ];
  await Promise.all(bundles.map(([file, options]) => build({ ...options, outfile: path.join(outdir, file) })));
  for (const dir of CORE_RESOURCES) {
    fs.cpSync(path.join(ROOT, dir), path.join(outdir, 'resources', dir), {
      recursive: true,
      filter: (source) => !source.endsWith('.ts'),
    });
  }
  fs.copyFileSync(path.join(ROOT, ICON), path.join(outdir, 'icon.png'));
  return bundles.map(([file]) => path.join(outdir, file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  try {
    for (const file of await buildElectron(outdir)) process.stderr.write(`${path.relative(ROOT, file)}\n`);
  } catch (error) {
    process.stderr.write(`build:electron thất bại (failed): ${(error as Error).message}\n`);
    process.exit(1);
  }
}
