#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A short batch run tiers its hot loops up best when V8 waits about four times its default budget
// (67,584) before optimizing: fewer premature optimizations thrown away. Import scan of 3,600 files
// 956 -> 849 ms, workflow check of 1,503 files 1.82 -> 1.79 s (bench/README.md); 2x measured slower,
// 6-8x no better. Set before any of groundwork loads.
setFlagsFromString('--interrupt-budget=264000');
const { run } = await import('../dist/cli.js');
run(process.argv.slice(2));
