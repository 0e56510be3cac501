// What the architecture gate reads off the source: each file's imports, the SQL it
// carries, its database calls and the Node or DOM globals it names, each with its
// line, from the TypeScript syntax tree (not from regexes over the text, so a word
// in a comment or a property called `document` is not mistaken for a use).
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Located {
  /** Repository-relative path, with forward slashes. */
  file: string;
  line: number;
  text: string;
}

export interface ImportRef extends Located {
  specifier: string;
  /** `import type`, or only `type` specifiers: erased at run time, so it cannot make a load-order cycle. */
  typeOnly: boolean;
  /** Where a relative specifier points, repository-relative, whether or not the file exists; null for a package. */
  target: string | null;
  /** The repository file a relative specifier names, or null for a package or a missing file. */
  resolved: string | null;
}

export interface SourceFacts {
  file: string;
  imports: ImportRef[];
  /** String literals that read as SQL. */
  sql: Located[];
  /** Calls of a database handle's `prepare` or `pragma`. */
  databaseCalls: Located[];
  /** Names of Node's or the browser's globals used as values or types. */
  globals: Located[];
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
export const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier);

export const DATABASE_DRIVERS = ['better-sqlite3', 'pg', '@electric-sql/pglite'];

const GLOBALS = new Set([
  // Node
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'NodeJS',
  // the browser
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
]);

// SQL as this codebase writes it: keywords in capitals, so UI text and log lines do not match.
const SQL =
  /\b(SELECT\s+(DISTINCT\s+)?[\w*"(]|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TEMP\s+|UNIQUE\s+|VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s|ALTER\s+TABLE\s|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)\s|PRAGMA\s+\w|WHERE\s+[\w.]+\s*(=|<|>|IN\s*\(|IS\s|LIKE\s|MATCH\s)|ORDER\s+BY\s+[\w.]+)/;

/** Every .ts / .tsx file under the given repository folders, sorted. */
export function sourceFiles(...folders: string[]): string[] {
  return folders
    .flatMap((folder) => {
      const dir = path.join(ROOT, folder);
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file) && !file.split(path.sep).includes('node_modules'))
        .map((file) => toRepoPath(path.join(dir, file)));
    })
    .sort();
}

export function toRepoPath(absolute: string): string {
  return path.relative(ROOT, absolute).split(path.sep).join('/');
}

export function readFacts(file: string): SourceFacts {
  return analyse(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

/** The facts of one file's text, `file` being where it stands in the repository. */
export function analyse(file: string, text: string): SourceFacts {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const facts: SourceFacts = { file, imports: [], sql: [], databaseCalls: [], globals: [] };
  const at = (node: ts.Node): Located => ({
    file,
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    text: node.getText(source).slice(0, 120),
  });
  const addImport = (node: ts.Node, specifier: string, typeOnly: boolean) =>
    facts.imports.push({
      ...at(node),
      specifier,
      typeOnly,
      target: specifier.startsWith('.') ? path.posix.join(path.posix.dirname(file), specifier) : null,
      resolved: resolve(file, specifier),
    });

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node, node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) addImport(node, literal.text, true);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword && first && ts.isStringLiteral(first)) {
        addImport(node, first.text, false);
      } else if (ts.isIdentifier(callee) && callee.text === 'require' && first && ts.isStringLiteral(first)) {
        addImport(node, first.text, false);
      } else if (ts.isPropertyAccessExpression(callee) && ['prepare', 'pragma'].includes(callee.name.text)) {
        facts.databaseCalls.push(at(node));
      }
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (SQL.test(node.text)) facts.sql.push(at(node));
    } else if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
      if (SQL.test(pieces)) facts.sql.push(at(node));
    } else if (ts.isIdentifier(node) && GLOBALS.has(node.text) && namesAGlobal(node)) {
      facts.globals.push(at(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './side-effect.ts'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((item) => item.isTypeOnly);
}

/** False where the name is a property, a member or something the file declares itself. */
function namesAGlobal(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  const declarations = [
    ts.isPropertyAssignment,
    ts.isPropertySignature,
    ts.isPropertyDeclaration,
    ts.isMethodDeclaration,
    ts.isMethodSignature,
    ts.isVariableDeclaration,
    ts.isParameter,
    ts.isFunctionDeclaration,
    ts.isClassDeclaration,
    ts.isInterfaceDeclaration,
    ts.isTypeAliasDeclaration,
    ts.isBindingElement,
    ts.isImportSpecifier,
    ts.isEnumMember,
    ts.isGetAccessorDeclaration,
    ts.isSetAccessorDeclaration,
  ];
  return !declarations.some((is) => is(parent) && (parent as ts.NamedDeclaration).name === node);
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(ROOT, path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return toRepoPath(candidate);
  }
  return null;
}

/**
 * Every import cycle among the files, through value imports only, as the chain of
 * imports that closes it ("a.ts:3 → b.ts", "b.ts:7 → a.ts").
 */
export function importCycles(all: SourceFacts[]): string[][] {
  const edges = new Map<string, ImportRef[]>();
  for (const facts of all) {
    edges.set(
      facts.file,
      facts.imports.filter((ref) => !ref.typeOnly && ref.resolved !== null),
    );
  }
  return stronglyConnected([...edges.keys()], (file) => (edges.get(file) ?? []).map((ref) => ref.resolved!))
    .filter(
      (component) => component.length > 1 || (edges.get(component[0]!) ?? []).some((r) => r.resolved === component[0]),
    )
    .map((component) => {
      const members = new Set(component);
      return component.flatMap((file) =>
        (edges.get(file) ?? [])
          .filter((ref) => members.has(ref.resolved!))
          .map((ref) => `${ref.file}:${ref.line} → ${ref.resolved}`),
      );
    });
}

/** Tarjan's algorithm, iterative so that a long import chain cannot overflow the stack. */
function stronglyConnected(nodes: string[], next: (node: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; children: string[]; at: number }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: next(node), at: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      if (frame.at < frame.children.length) {
        const child = frame.children[frame.at++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components;
}

export const describeLocated = (item: Located, why: string): string => `${item.file}:${item.line} ${why}: ${item.text}`;
