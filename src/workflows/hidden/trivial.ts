import { commandName, commandWords, listParts, type ScriptNode } from '../../sources/shell-script.js';

/** Commands whose own failure means nothing: messages, shell plumbing, probes run for their answer. */
export const TRIVIAL = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'set',
  'shopt',
  'shift',
  'local',
  'declare',
  'typeset',
  'unset',
  'exit',
  'return',
  'break',
  'continue',
  'read',
  'wait',
  'sleep',
  'trap',
  'let',
  'alias',
  'test',
  '[',
  '[[',
  'eval',
  'exec',
  'export',
  'readonly',
  'hash',
  'type',
  'command',
  'builtin',
  'ulimit',
  'umask',
  'cd',
  'pushd',
  'popd',
]);

/**
 * `${{ matrix.target == 'nosimd' }} && export PAWPAW_NOSIMD=1`: an expression that yields a boolean
 * (a comparison, a negation, `contains(…)`/`startsWith(…)`/`endsWith(…)`) is the word `true` or `false`
 * once the runner expands it, so the command is that builtin: a condition, not work. (Not a value
 * chosen with `&&`/`||` between strings, `${{ inputs.cmd || 'make test' }}`, which is a program.)
 */
export function booleanExpression(words: readonly string[]): boolean {
  const body = words.length === 1 ? /^\$\{\{([\s\S]*)\}\}$/.exec(words[0]!)?.[1]?.trim() : undefined;
  if (!body) return false;
  // Every operand of `&&`/`||` must itself be a test: `a != 'x' && matrix.cmd || b` yields a value.
  const term = `([\\w.[\\]'"-]+|[\\w.]+\\s*\\([^()]*\\))`;
  const operand = new RegExp(
    `^\\(?\\s*(!?\\s*(contains|startsWith|endsWith)\\s*\\([^()]*\\)|${term}\\s*(==|!=|<=|>=|<|>)\\s*${term}|![\\w.[\\]-]+|true|false)\\s*\\)?$`,
    'i',
  );
  return body.split(/&&|\|\|/).every((o) => operand.test(o.trim()));
}

/**
 * `git diff --quiet --exit-code && exit`: a list whose right side only ends the script with success is
 * an early way out, and the left side's failure is its "else" (here: there are changes, so go on and
 * commit them), not a hidden failure.
 */
export function earlyExit(list: ScriptNode): boolean {
  const parts = listParts(list);
  if (parts?.op !== '&&' || parts.right.type !== 'command') return false;
  const words = commandWords(parts.right);
  if (commandName(parts.right) !== 'exit' || !(words.length === 1 || (words.length === 2 && words[1] === '0'))) return false;
  // Only a question on the left: a quiet comparison or search (`./run-tests.sh && exit 0` then the log
  // collection is the tests' failure going on unnoticed).
  const left = parts.left.type === 'command' ? commandWords(parts.left) : [];
  const program = left[0] === 'git' ? left[1] : left[0];
  const quiet = left.some((w) => /^(--quiet|--exit-code|-[a-zA-Z]*[qs][a-zA-Z]*)$/.test(w));
  if (!(program && /^(diff|cmp|grep|egrep|fgrep|rg)$/.test(program) && quiet)) return false;
  // (In a loop or a function, `make test && exit 0` is the success path of attempts, which the retry checks judge.)
  for (let p = list.parent; p; p = p.parent) if (/^(for|while|c_style_for)_statement$|^function_definition$/.test(p.type)) return false;
  return true;
}
