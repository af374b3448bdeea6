// Writes docs/rules/*.md from rule metadata (the single source). test/docs/rule-docs.test.ts fails
// when the files on disk drift from what this would write.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleDocs } from '../src/docs/rule-docs.js';
import { ALL_RULES } from '../src/rules/index.js';

const root = new URL('..', import.meta.url).pathname;
const docs = allRuleDocs(ALL_RULES);
mkdirSync(join(root, 'docs/rules'), { recursive: true });
for (const name of readdirSync(join(root, 'docs/rules'))) {
  if (!docs.has(`docs/rules/${name}`)) rmSync(join(root, 'docs/rules', name));
}
for (const [path, content] of docs) writeFileSync(join(root, path), content);
console.log(`wrote ${docs.size} files under docs/rules/`);
