import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let init: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

/** Loads a tree-sitter grammar shipped as .wasm in its npm package (tree-sitter-bash, tree-sitter-python). */
export async function loadParser(grammar: 'bash' | 'python'): Promise<Parser> {
  init ??= Parser.init();
  await init;
  let lang = languages.get(grammar);
  if (!lang) {
    const require = createRequire(import.meta.url);
    lang = Language.load(require.resolve(`tree-sitter-${grammar}/tree-sitter-${grammar}.wasm`));
    languages.set(grammar, lang);
  }
  const parser = new Parser();
  parser.setLanguage(await lang);
  return parser;
}

export type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';
