// The build leaves out Ant Design's styles for the components vanthu does not
// use (renderer/antd-unused-styles.ts). A component the renderer starts to use
// must not arrive unstyled: each one it imports from 'antd' keeps its styles,
// and what is left out is exactly those components' blocks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedAntdStyles, withoutUnusedAntdStyles } from '../../renderer/antd-unused-styles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = path.join(ROOT, 'renderer/src');

// Where a component's class prefix is not its name in lower case.
const prefixOf: Record<string, string> = {
  Button: 'btn',
  ColorPicker: 'color',
  FloatButton: 'float',
  QRCode: 'qrcode',
};

function antdImports(): Set<string> {
  const names = new Set<string>();
  for (const entry of fs.readdirSync(SOURCES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'antd'/g)) {
      for (const part of match[1]!.split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!;
        if (/^[A-Z]/.test(name)) names.add(name);
      }
    }
  }
  return names;
}

describe("Ant Design's styles in the build", () => {
  it('keeps the styles of every component the renderer imports', () => {
    const imported = antdImports();
    expect(imported.size).toBeGreaterThan(20);
    const unused = new Set<string>(unusedAntdStyles);
    const missing = [...imported].filter((name) => unused.has(prefixOf[name] ?? name.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it('leaves out the unused components and nothing else from the real stylesheet', () => {
    const css = fs.readFileSync(path.join(ROOT, 'node_modules/antd/dist/antd.css'), 'utf8');
    const pruned = withoutUnusedAntdStyles(css);
    expect(pruned.length).toBeLessThan(css.length * 0.8);
    for (const kept of ['.ant-btn{', '.ant-select{', '.ant-table-wrapper', '.ant-picker{', '.ant-modal{', '@keyframes'])
      expect(pruned).toContain(kept);
    // No rule about an unused component is left; a rule of a used one that mentions it (a menu in a layout header) is.
    expect(pruned).not.toMatch(/(^|\})\.ant-(menu|tabs|upload|tree)\b/);
    expect(pruned).toContain('.ant-layout-header .ant-menu{');
    // Every rule that survives is whole: the braces still balance.
    expect(pruned.split('{').length).toBe(pruned.split('}').length);
  });
});
