import { defineConfig } from 'vitest/config';

// The quick tier: suites that need no browser, no hub, no PostgreSQL and no kill loop, so a change can be
// checked in about a minute (`npm run test:fast`; its aim is under 90 s on 2 cores). `npm test` runs both tiers.
const FAST = [
  // The shell's test builds and runs the Electron bundles (and an OCR): it belongs with the slow ones.
  'tests/unit/!(electron-shell).test.ts',
  'tests/integration/attachments.test.ts',
  'tests/integration/audit.test.ts',
  'tests/integration/calendar.test.ts',
  'tests/integration/cms.test.ts',
  'tests/integration/corrections.test.ts',
  'tests/integration/crl-cache.test.ts',
  'tests/integration/desk-sync.test.ts',
  'tests/integration/fault-module.test.ts',
  'tests/integration/handling-day.test.ts',
  'tests/integration/handling-report.test.ts',
  'tests/integration/handling.test.ts',
  'tests/integration/office-settings.test.ts',
  'tests/integration/personal-desk.test.ts',
  'tests/integration/registers.test.ts',
  'tests/integration/search.test.ts',
  'tests/integration/sign-batch.test.ts',
  'tests/integration/sign-verify.test.ts',
  'tests/integration/store-check.test.ts',
  'tests/integration/store.test.ts',
  'tests/integration/test-pki.test.ts',
  'tests/integration/token-drivers.test.ts',
  'tests/integration/trust-store.test.ts',
  'tests/integration/ui-dashboard.test.ts',
  'tests/integration/ui-directory-attachments.test.ts',
  'tests/integration/ui-export.test.ts',
  'tests/integration/ui-prefill.test.ts',
  'tests/integration/ui-register-list.test.ts',
  'tests/integration/verify-changes.test.ts',
  'tests/integration/verify-pdf.test.ts',
];

export default defineConfig({
  test: {
    // Integration tests spawn the CLI and kill processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: FAST } },
      { extends: true, test: { name: 'slow', include: ['tests/**/*.test.ts'], exclude: FAST } },
    ],
  },
});
