// Builds the renderer into dist/renderer, loadable from Electron's app://
// protocol and from browser mode's loopback server alike: relative asset paths,
// no inline scripts (the CSP forbids them), and pdf.js's run-time data next to
// the app.
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, type Rolldown } from 'vite';
import { withoutUnusedAntdStyles } from './antd-unused-styles.ts';

// pdf.js fetches these by file name while it renders (fonts a PDF names but
// does not embed, CJK character maps, image decoders, ICC profiles), so they
// are copied verbatim under pdfjs/ (with their licences) instead of going
// through the bundler.
const pdfjsDataDirs = ['standard_fonts', 'cmaps', 'wasm', 'iccs'];

function pdfjsData(): Plugin {
  return {
    name: 'vanthu:pdfjs-data',
    apply: 'build',
    async generateBundle() {
      const resolved = await this.resolve('pdfjs-dist/package.json');
      if (!resolved) return this.error('pdfjs-dist is not installed');
      const packageDir = resolved.id.replace(/[\\/]package\.json$/, '');
      for (const dir of pdfjsDataDirs) {
        for (const name of await this.fs.readdir(`${packageDir}/${dir}`)) {
          const source = await this.fs.readFile(`${packageDir}/${dir}/${name}`);
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${name}`, source });
        }
      }
    },
  };
}

/** Ant Design's stylesheet without the components vanthu never uses (antd-unused-styles.ts). */
function pruneAntdStyles(): Plugin {
  return {
    name: 'vanthu:prune-antd-styles',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]dist[\\/]antd\.css$/.test(id)) return null;
      return { code: withoutUnusedAntdStyles(code), map: null };
    },
  };
}

/**
 * The entry (main.tsx) only asks core for the first screen's data and then
 * imports the app dynamically, so that those questions go out before the
 * browser has read React and Ant Design. The page asks for the app's chunks
 * and styles at once, not after the entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'vanthu:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle ?? {};
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const mount = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/mount.tsx'));
        if (!mount) throw new Error('the build has no chunk for src/app/mount.tsx');
        const files = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(mount.fileName);
        return [
          ...[...styles].map((href) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
          ...[...files].map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

// Set while the build runs its first pass (startupChunks): that pass splits the default way.
const FIRST_PASS = 'VANTHU_RENDERER_FIRST_PASS';

type Chunk = Rolldown.OutputChunk;

/** The chunks `from` imports statically, directly or not, itself included. */
function chunkClosure(from: Chunk, chunks: readonly Chunk[]): Chunk[] {
  const seen = new Map<string, Chunk>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const imported = chunks.find((candidate) => candidate.fileName === name);
      if (imported) visit(imported);
    }
  };
  visit(from);
  return [...seen.values()];
}

/**
 * The modules of the first screen, by the chunk they go in: `boot`, what the
 * entry asks core for the first rows with; `app`, the rest of what the app
 * needs before its first render; `later`, what it draws right after. A first
 * build, split the default way, tells which modules those are (tree-shaken:
 * Ant Design is imported through one index, so the module graph alone names
 * every component). The default split spreads them over some thirty small
 * files shared with the lazy screens, and a page fetches only six files at a
 * time from one server: the first rows waited in that queue.
 */
async function startupChunks(): Promise<Map<string, 'boot' | 'app' | 'later'>> {
  process.env[FIRST_PASS] = '1';
  let output: Awaited<ReturnType<typeof build>>;
  try {
    output = await build({
      configFile: `${import.meta.dirname}/vite.config.ts`,
      logLevel: 'silent',
      build: { write: false },
    });
  } finally {
    delete process.env[FIRST_PASS];
  }
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((result) => result.output).filter((item): item is Chunk => item.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  const mount = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/mount.tsx'));
  if (!entry || !mount) throw new Error('the first pass has no entry chunk or no chunk for src/app/mount.tsx');
  const place = new Map<string, 'boot' | 'app' | 'later'>();
  // What is drawn right after the first rows (app/first-screen.ts): one chunk too, asked for then.
  for (const chunk of chunks)
    if (
      /\/src\/(app\/HeaderTools|screens\/registers\/Register(Filters|Actions))\.tsx$/.test(chunk.facadeModuleId ?? '')
    )
      for (const part of chunkClosure(chunk, chunks)) for (const id of part.moduleIds) place.set(id, 'later');
  for (const chunk of chunkClosure(mount, chunks)) for (const id of chunk.moduleIds) place.set(id, 'app');
  for (const chunk of chunkClosure(entry, chunks)) for (const id of chunk.moduleIds) place.set(id, 'boot');
  return place;
}

export default defineConfig(async ({ command }) => {
  const place = command === 'build' && !process.env[FIRST_PASS] ? await startupChunks() : null;
  return {
    root: import.meta.dirname,
    base: './',
    plugins: [react(), pdfjsData(), pruneAntdStyles(), preloadApp()],
    build: {
      outDir: '../dist/renderer',
      emptyOutDir: true,
      // i18n loads its resources with a top-level await.
      target: 'es2022',
      minify: true,
      sourcemap: false,
      // One desktop bundle read from the local disk: chunk size is not a download cost here.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: place
        ? {
            output: {
              codeSplitting: {
                groups: [
                  // Highest first: a module both the entry and the app need stays with the entry, so the
                  // app chunk imports the entry's, never the reverse (which would make the entry wait for the app).
                  { name: 'boot', priority: 2, test: (id: string) => place.get(id) === 'boot' },
                  { name: 'app', priority: 1, test: (id: string) => place.get(id) === 'app' },
                  { name: 'later', priority: 0, test: (id: string) => place.get(id) === 'later' },
                ],
              },
            },
          }
        : {},
    },
  };
});
