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
  if (!body || /(&&|\|\|)\s*['"\d]/.test(body)) return false;
  return /==|!=|<=|>=|\s[<>]\s|^!|^(true|false)$|^(contains|startsWith|endsWith)\s*\(/i.test(body);
}
