// The look of a government office tool: dense (compact algorithm, 13 px),
// sober navy, Noto Sans bundled so Vietnamese renders the same on every PC.
// Zero-runtime: Ant Design's styles come from its prebuilt stylesheet
// (imported by main.tsx) and the theme only sets CSS variables, instead of
// every component generating and hashing its CSS on the first screen's render.
import { theme, type ThemeConfig } from 'antd';

const fontFamily = "'Noto Sans', 'Segoe UI', Arial, sans-serif";

export const appTheme: ThemeConfig = {
  zeroRuntime: true,
  algorithm: theme.compactAlgorithm,
  token: {
    fontFamily,
    fontSize: 13,
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    borderRadius: 4,
    colorBgLayout: '#f2f4f7',
  },
  components: {
    Layout: { siderBg: '#14325c', headerBg: '#ffffff', headerHeight: 48, headerPadding: '0 16px' },
    Descriptions: { labelBg: '#f5f7fa' },
  },
};
