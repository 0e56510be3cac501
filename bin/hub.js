#!/usr/bin/env node
// Entry point of the provincial hub (`npm run hub`): the server is TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/main.ts');
process.exitCode = await main(process.argv.slice(2));
