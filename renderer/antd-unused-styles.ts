// Ant Design's prebuilt stylesheet (antd/dist/antd.css, 1 MB) styles every
// component; vanthu uses about half of them. The styles of those it never
// uses are left out of the build: each component brings rules such as
// `.ant-menu-css-var [class^="ant-menu"]` that the browser tries on every
// element of every screen, and the register's first layout paid for them.
// tests/unit/antd-styles.test.ts fails when the renderer starts to use one.

/** The components (by their class prefix, `ant-<prefix>`) whose styles are left out. */
export const unusedAntdStyles = [
  'anchor',
  'avatar',
  'breadcrumb',
  'carousel',
  'cascader',
  'color',
  'drawer',
  'float',
  'image',
  'list',
  'masonry',
  'mentions',
  'menu',
  'qrcode',
  'rate',
  'ribbon',
  'slider',
  'splitter',
  'switch',
  'tabs',
  'timeline',
  'tour',
  'transfer',
  'tree',
  'upload',
] as const;

/** The top-level blocks of a stylesheet: rules, and at-rules with their bodies. */
function topLevelBlocks(css: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  let depth = 0;
  for (let at = 0; at < css.length; at++) {
    if (css[at] === '{') depth++;
    else if (css[at] === '}' && --depth === 0) {
      blocks.push(css.slice(start, at + 1));
      start = at + 1;
    }
  }
  return blocks;
}

/**
 * The stylesheet without the blocks whose first Ant Design class belongs to
 * an unused component. Blocks naming no component (the theme's variables,
 * keyframes) stay.
 */
export function withoutUnusedAntdStyles(css: string): string {
  const unused = new Set<string>(unusedAntdStyles);
  return topLevelBlocks(css)
    .filter((block) => {
      const component = /\.ant-([a-z]+)/.exec(block)?.[1];
      return component === undefined || !unused.has(component);
    })
    .join('');
}
