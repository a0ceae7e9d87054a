#!/usr/bin/env node
// rvlab command-line entry point (the TypeScript host is compiled to dist/).
import { cliMain } from '../dist/cli.js';
cliMain();
