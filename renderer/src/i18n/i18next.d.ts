// The translations' keys as types: a t() call with a key the Vietnamese files
// do not have fails the typecheck instead of showing the key to the clerk.
// Vietnamese is the source language; tests/unit/i18n.test.ts keeps English in step.
import 'i18next';
import type app from './vi/app.json';
import type common from './vi/common.json';
import type dashboard from './vi/dashboard.json';
import type document from './vi/document.json';
import type firstRun from './vi/first-run.json';
import type handling from './vi/handling.json';
import type incoming from './vi/incoming.json';
import type outgoing from './vi/outgoing.json';
import type people from './vi/people.json';
import type registers from './vi/registers.json';
import type search from './vi/search.json';
import type settings from './vi/settings.json';
import type sign from './vi/sign.json';
import type sync from './vi/sync.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      app: typeof app;
      common: typeof common;
      dashboard: typeof dashboard;
      document: typeof document;
      'first-run': typeof firstRun;
      handling: typeof handling;
      incoming: typeof incoming;
      outgoing: typeof outgoing;
      people: typeof people;
      registers: typeof registers;
      search: typeof search;
      settings: typeof settings;
      sign: typeof sign;
      sync: typeof sync;
    };
  }
}
