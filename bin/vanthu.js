#!/usr/bin/env node
// Entry point of the `vanthu` command: core is TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
