// The app itself: translations (loaded before anything renders), Ant Design's
// prebuilt styles (the theme runs in zero-runtime mode), the fonts, React.
import './app-code-mark.ts';
import '../i18n/index.ts';
import 'antd/dist/antd.css';
import '../styles/fonts.css';
import '../styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
