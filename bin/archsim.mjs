#!/usr/bin/env node
// The `archsim` command: the CLI is TypeScript, so load it through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
// A dynamic import: a static one would be resolved before register() runs.
await import('../sim-core/cli/archsim.ts');
