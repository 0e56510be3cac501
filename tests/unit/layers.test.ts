import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// What each folder may import (DESIGN §1): the folder says which room a file is in.
const rules: Record<string, { forbidden: RegExp; why: string }> = {
  shared: {
    forbidden: /^(node:|electron$|better-sqlite3|pdfjs-dist)|^\.\.(\/\.\.)*\/(core|server|renderer|electron)\//,
    why: 'shared runs everywhere: no Node, no DOM, no other layer',
  },
  core: {
    forbidden: /^electron$|^\.\.(\/\.\.)*\/(renderer|electron|server)\//,
    why: 'core is plain Node and never imports the shell, the UI or the hub',
  },
  server: {
    forbidden: /^electron$|^\.\.(\/\.\.)*\/(renderer|electron|core)\//,
    why: 'the hub shares only shared/ with the app',
  },
  renderer: {
    forbidden: /^(node:|electron$|better-sqlite3)|^\.\.(\/\.\.)*\/(core|server|electron)\//,
    why: 'the UI talks to core only through window.vanthu',
  },
};

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(dir, file));
}

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

describe('layers', () => {
  for (const [layer, rule] of Object.entries(rules)) {
    it(`${layer}/ imports only what it may (${rule.why})`, () => {
      const offending = sourceFiles(path.join(ROOT, layer)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => rule.forbidden.test(specifier))
          .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
