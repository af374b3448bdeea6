import { answersNothing } from './no-op-run.js';
import { commandWords, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { resolveCommand } from '../roles/tools.js';
import type { ScriptView } from './types.js';

/**
 * The retry after `||` whose own failure fails the step, if any: `make -j8 || make -j1`, `pip install
 * x || pip install x`; a chain of attempts (`t -n 0 || t -n 1 || t -n 2`), where the last one's
 * failure counts; and for tests, a rerun of the tests that failed (pytest's `--lf`), in whatever
 * environment (`hatch run cov:test || hatch -v run test:test --lf`).
 */
export function retryAfter(view: ScriptView, words: readonly string[], tests: boolean, commands: readonly ScriptNode[]): ScriptNode | undefined {
  const first =
    commands.find((n) => sameTool(commandWords(n), words)) ??
    (tests ? commands.find((n) => commandWords(n).some((w) => w === '--lf' || w === '--last-failed')) : undefined);
  return first && lastAttempt(view, first, commandWords(first));
}

/**
 * The attempt whose failure fails the step, following a chain of retries of one tool
 * (`t -n 0 || t -n 1 || t -n 2`); undefined when the last attempt's failure is lost too.
 */
function lastAttempt(view: ScriptView, node: ScriptNode, words: readonly string[]): ScriptNode | undefined {
  for (let cur: ScriptNode | undefined = node, guard = 0; cur && guard < 16; guard++) {
    const fate = view.fates.fate(cur);
    if (fate.kind === 'propagates' || fate.kind === 'checked') return cur;
    if (fate.kind !== 'hidden' || fate.how !== 'or-fallback') return undefined;
    const right = fate.at.children[fate.at.children.length - 1];
    cur = right ? descendants(right).find((n) => n.type === 'command' && sameTool(commandWords(n), words)) : undefined;
  }
  return undefined;
}

/** Two spellings of one tool count as a retry: `docker compose build || docker-compose build`. */
function sameTool(a: readonly string[], b: readonly string[]): boolean {
  const tool = (w: readonly string[]) => {
    const r = resolveCommand(w);
    return r?.program === 'docker' && r.words[1] === 'compose' ? 'docker-compose' : r?.program;
  };
  const t = tool(a);
  // (`make -C b || make -C b --dry-run`: a dry run retries nothing.)
  return t !== undefined && t === tool(b) && !answersNothing(a) && !answersNothing(b);
}
