// Builds the renderer into dist/renderer, loadable from Electron's app://
// protocol and from browser mode's loopback server alike: relative asset paths,
// no inline scripts (the CSP forbids them), and pdf.js's run-time data next to
// the app.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), pdfjsData()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // i18n loads its resources with a top-level await.
    target: 'es2022',
    minify: true,
    sourcemap: false,
    // One desktop bundle read from the local disk: chunk size is not a download cost here.
    chunkSizeWarningLimit: 4096,
  },
});
