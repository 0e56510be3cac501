// Entry point, kept to the first questions to core and the API client: they
// go out while the browser is still reading the app's code (asked for at the
// same moment by the page's modulepreload), so the office and the first rows
// are in before React has started.
import './app/startup.ts';
import { showStartFailure } from './app/start-failure.ts';

import('./app/mount.tsx').catch(showStartFailure);
