// The look of a government office tool: dense (compact algorithm, 13 px),
// sober navy, Noto Sans bundled so Vietnamese renders the same on every PC.
// Zero-runtime: Ant Design's styles come from its prebuilt stylesheet
// (imported by main.tsx) and the theme only sets CSS variables, instead of
// every component generating and hashing its CSS on the first screen's render.
import { theme, type MappingAlgorithm, type ThemeConfig } from 'antd';

const fontFamily = "'Noto Sans', 'Segoe UI', Arial, sans-serif";

/**
 * The compact algorithm derives its text from the small size of the seed (a
 * 13 px seed gives 10 px text, too small to read Vietnamese marks on a
 * 1366×768 screen): the controls stay compact, the text and the headings take
 * the default algorithm's sizes for 13 px, with 12 px as the small size.
 */
const readableText: MappingAlgorithm = (seed, map) => {
  const text = theme.defaultAlgorithm({ ...seed, fontSize: 13 });
  return {
    ...map!,
    fontSize: text.fontSize,
    fontSizeLG: text.fontSizeLG,
    fontSizeXL: text.fontSizeXL,
    lineHeight: text.lineHeight,
    lineHeightLG: text.lineHeightLG,
    fontSizeSM: 12,
    lineHeightSM: 20 / 12,
    fontSizeHeading1: text.fontSizeHeading1,
    fontSizeHeading2: text.fontSizeHeading2,
    fontSizeHeading3: text.fontSizeHeading3,
    fontSizeHeading4: text.fontSizeHeading4,
    fontSizeHeading5: text.fontSizeHeading5,
    lineHeightHeading1: text.lineHeightHeading1,
    lineHeightHeading2: text.lineHeightHeading2,
    lineHeightHeading3: text.lineHeightHeading3,
    lineHeightHeading4: text.lineHeightHeading4,
    lineHeightHeading5: text.lineHeightHeading5,
  };
};

export const appTheme: ThemeConfig = {
  zeroRuntime: true,
  algorithm: [theme.compactAlgorithm, readableText],
  token: {
    fontFamily,
    fontSize: 13,
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    borderRadius: 4,
    colorBgLayout: '#f2f4f7',
  },
  components: {
    Descriptions: { labelBg: '#f5f7fa' },
  },
};
