// The web-tree-sitter + tree-sitter-python alternative to groundwork's scanner: parse every file
// named on stdin and count its import statements (the walk is the minimum any extractor needs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
let imports = 0;
for (const path of readFileSync(0, 'utf8').split('\n').filter(Boolean)) {
  const tree = parser.parse(readFileSync(path, 'utf8'));
  const cursor = tree.rootNode.walk();
  for (let more = true; more; ) {
    const type = cursor.nodeType;
    if (type === 'import_statement' || type === 'import_from_statement') imports++;
    if (type !== 'import_statement' && type !== 'import_from_statement' && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling())
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
  }
  tree.delete();
}
console.log(imports);
