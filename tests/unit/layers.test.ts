// The architecture gate (DESIGN §1, STYLE "layers you can see in the path"): the
// folder says which room a file is in and what it may reach. Each finding names
// the file and line, so a failure reads as a list of places to fix.
import { describe, expect, it } from 'vitest';
import {
  analyse,
  DATABASE_DRIVERS,
  describeLocated,
  importCycles,
  isNodeBuiltin,
  readFacts,
  sourceFiles,
  type ImportRef,
  type SourceFacts,
} from '../helpers/architecture.ts';
import { matching } from '../helpers/matchers.ts';

/** What ships: the app's layers and the hub. Scripts, benches and tests may open a store to seed, measure or tamper with it. */
const PRODUCT = ['shared', 'core', 'server', 'renderer', 'electron'];
const EVERYTHING = [...PRODUCT, 'scripts', 'bench', 'tests'];
const DATABASE_FOLDERS = ['core/db/', 'server/db/'];

const layerOf = (file: string): string => file.split('/')[0]!;
const inFolder = (file: string | null, folders: string[]): boolean =>
  file !== null && folders.some((folder) => file === folder || file.startsWith(`${folder}/`));

interface LayerRule {
  why: string;
  /** Repository folders a relative import may reach. */
  reaches: string[];
  /** Packages it must not import (beyond Node's built-ins where `node` is false). */
  packages: string[];
  node: boolean;
}

const LAYERS: Record<string, LayerRule> = {
  shared: {
    why: 'shared runs everywhere: no Node, no DOM, no other layer',
    reaches: ['shared'],
    packages: ['electron', 'pdfjs-dist', 'pkcs11js', ...DATABASE_DRIVERS],
    node: false,
  },
  core: {
    why: 'core is plain Node and never imports the shell, the UI or the hub',
    reaches: ['core', 'shared'],
    packages: ['electron'],
    node: true,
  },
  server: {
    why: 'the hub shares only shared/ with the app',
    reaches: ['server', 'shared'],
    packages: ['electron', 'pkcs11js'],
    node: true,
  },
  renderer: {
    why: 'the UI imports only shared/ and itself and talks to core through window.vanthu',
    reaches: ['renderer', 'shared'],
    packages: ['electron', 'pkcs11js', ...DATABASE_DRIVERS],
    node: false,
  },
  electron: {
    why: 'the shell is thin: no SQL, no PKCS#11, no UI code, no hub',
    reaches: ['electron', 'shared', 'core'],
    packages: ['pkcs11js', ...DATABASE_DRIVERS],
    node: true,
  },
};

function importViolations(facts: SourceFacts): string[] {
  const rule = LAYERS[layerOf(facts.file)];
  if (!rule) return [];
  const refused = (ref: ImportRef): boolean => {
    if (ref.target !== null) return !inFolder(ref.target, rule.reaches);
    if (!rule.node && isNodeBuiltin(ref.specifier)) return true;
    return rule.packages.some((name) => ref.specifier === name || ref.specifier.startsWith(`${name}/`));
  };
  return facts.imports.filter(refused).map((ref) => describeLocated(ref, `imports ${ref.specifier} (${rule.why})`));
}

function databaseViolations(facts: SourceFacts): string[] {
  if (DATABASE_FOLDERS.some((folder) => facts.file.startsWith(folder))) return [];
  return [
    ...facts.imports
      .filter((ref) => DATABASE_DRIVERS.includes(ref.specifier))
      .map((ref) => describeLocated(ref, 'opens a database driver outside core/db and server/db')),
    ...facts.databaseCalls.map((call) => describeLocated(call, 'calls the database outside core/db and server/db')),
    ...facts.sql.map((sql) => describeLocated(sql, 'holds SQL outside core/db and server/db')),
  ];
}

function globalViolations(facts: SourceFacts): string[] {
  if (layerOf(facts.file) !== 'shared') return [];
  return facts.globals.map((name) => describeLocated(name, 'names a Node or browser global in shared/'));
}

const repository = EVERYTHING.flatMap((folder) => sourceFiles(folder)).map(readFacts);
const product = repository.filter((facts) => PRODUCT.includes(layerOf(facts.file)));

describe('the architecture', () => {
  it('reads every layer (the gate is not looking at an empty tree)', () => {
    for (const layer of PRODUCT)
      expect(product.filter((facts) => layerOf(facts.file) === layer).length).toBeGreaterThan(3);
  });

  it('has each layer import only what it may', () => {
    expect(product.flatMap(importViolations)).toEqual([]);
  });

  it('keeps SQL and database handles in core/db and server/db', () => {
    expect(product.flatMap(databaseViolations)).toEqual([]);
  });

  it('keeps Node and browser globals out of shared/', () => {
    expect(product.flatMap(globalViolations)).toEqual([]);
  });

  it('has no import cycle anywhere in the tree', () => {
    expect(importCycles(repository)).toEqual([]);
  });
});

describe('the gate itself', () => {
  it('names the file and line of an import across layers', () => {
    const facts = analyse(
      'renderer/src/screens/x.tsx',
      "import React from 'react';\nimport { openCore } from '../../../core/context.ts';\nimport fs from 'node:fs';\n",
    );
    expect(importViolations(facts)).toEqual([
      matching.stringMatching(/^renderer\/src\/screens\/x\.tsx:2 imports \.\.\/\.\.\/\.\.\/core\/context\.ts /),
      matching.stringMatching(/^renderer\/src\/screens\/x\.tsx:3 imports node:fs /),
    ]);
  });

  it('finds SQL and database calls outside the database folders, and not inside them', () => {
    const text = [
      "const name = 'Sổ văn bản đến';",
      'const rows = db.prepare(`',
      '  SELECT id FROM documents',
      '  WHERE register_year = ?`).all(year);',
      'const where = `WHERE seq > ${cursor}`;',
    ].join('\n');
    expect(databaseViolations(analyse('core/documents/x.ts', text))).toEqual([
      matching.stringMatching(/^core\/documents\/x\.ts:2 calls the database/),
      matching.stringMatching(/^core\/documents\/x\.ts:2 holds SQL/),
      matching.stringMatching(/^core\/documents\/x\.ts:5 holds SQL/),
    ]);
    expect(databaseViolations(analyse('core/db/x.ts', text))).toEqual([]);
  });

  it('finds Node globals in shared/ but not properties or strings of the same name', () => {
    const text = [
      "export const document = z.object({ process: z.string(), kind: z.literal('document') });",
      'export const copy = (bytes: Uint8Array) => Buffer.from(bytes);',
      'export const home = () => process.env.HOME;',
      'export let timer: NodeJS.Timeout;',
    ].join('\n');
    expect(globalViolations(analyse('shared/x.ts', text)).map((line) => line.split(' ')[0])).toEqual([
      'shared/x.ts:2',
      'shared/x.ts:3',
      'shared/x.ts:4',
    ]);
  });

  it('reports a cycle of value imports with each import that closes it, and ignores type-only ones', () => {
    const ref = (file: string, line: number, to: string, typeOnly = false): ImportRef => ({
      file,
      line,
      text: '',
      specifier: to,
      typeOnly,
      target: to,
      resolved: to,
    });
    const facts = (file: string, imports: ImportRef[]): SourceFacts => ({
      file,
      imports,
      sql: [],
      databaseCalls: [],
      globals: [],
    });
    expect(
      importCycles([
        facts('core/cli/commands.ts', [ref('core/cli/commands.ts', 9, 'core/cli/pin.ts')]),
        facts('core/cli/pin.ts', [ref('core/cli/pin.ts', 5, 'core/cli/commands.ts')]),
        facts('core/a.ts', [ref('core/a.ts', 1, 'core/b.ts')]),
        facts('core/b.ts', [ref('core/b.ts', 1, 'core/a.ts', true)]),
      ]),
    ).toEqual([['core/cli/commands.ts:9 → core/cli/pin.ts', 'core/cli/pin.ts:5 → core/cli/commands.ts']]);
  });
});
