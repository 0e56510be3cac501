// The sync entries of the API table, loaded on first use.
export { connectHub } from './connect.ts';
export { runSync } from './engine.ts';
export { configureSync, syncStatus } from './status.ts';
