import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

let init: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

/** Loads a tree-sitter grammar shipped as .wasm in its npm package (tree-sitter-bash, tree-sitter-python). */
export async function loadParser(grammar: 'bash' | 'python'): Promise<Parser> {
  if (!init) {
    baselineWasmOnly();
    init = Parser.init();
  }
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

/**
 * Keeps grammars on V8's baseline wasm compiler (Liftoff). Left to tier up, V8 recompiles the
 * 1.3 MB bash grammar with TurboFan in the background: about 0.5 s of CPU on every run that the
 * process also waits for at exit (a one-workflow check took 0.85 s instead of 0.35 s), while the
 * scripts of a workflow are far too few to repay it. Set once, before the first grammar compiles.
 * The flag is process-wide: WebAssembly compiled later in the same process stays on Liftoff too.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

export type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';
