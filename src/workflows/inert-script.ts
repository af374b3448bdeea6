import { commandName, commandsIn, commandWords, isStatement } from '../sources/shell-script.js';
import type { ScriptSite } from './analysis.js';

/** Commands that cannot fail in a way worth a claim: output, `true`, and the shell's tests (`[ … ]` is not a command node). */
const INERT = new Set(['echo', 'printf', 'true', ':', 'test']);

/**
 * Whether a step's scripts run nothing that can fail: only tests of values (`[ "${{ github.event.x }}"
 * != y ]`), output and `exit 0`. Such a step is a condition on the event, whatever its name says
 * ("Check if changes requested"), and `continue-on-error` on it hides nothing.
 */
export function inertScripts(sites: readonly ScriptSite[]): boolean {
  if (sites.length === 0) return false;
  return sites.every((site) => {
    const parsed = site.parsed;
    if (!parsed) return false;
    // A test standing as a statement of its own (`[ "${{ needs.test.result }}" = success ]`) fails the
    // step when false: it is the step's verdict, not a question.
    const verdict = parsed.nodes.some(
      (n) => (n.type === 'test_command' || (n.type === 'command' && /^(test|\[\[?)$/.test(commandName(n) ?? ''))) && isStatement(n) && n.field !== 'condition',
    );
    if (verdict) return false;
    return commandsIn(parsed.root).every((n) => {
      const [name, ...args] = commandWords(n);
      if (name === 'exit' || name === 'return') return args.length === 0 || args[0] === '0';
      return name !== undefined && INERT.has(name);
    });
  });
}
