// The floor for `check`: only parsing every file with the `yaml` library, in one process.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const { parseDocument } = require('yaml');
const dir = process.argv[2];
let nodes = 0;
for (const f of readdirSync(dir)) nodes += parseDocument(readFileSync(join(dir, f), 'utf8')).errors.length >= 0 ? 1 : 0;
console.log(nodes);
