import type { ScriptNode } from '../../sources/shell-script.js';

/**
 * Whether what a command prints is read by something else: a later stage of a pipe, a `$( … )` or
 * `<( … )`, or a file it is redirected to (not /dev/null). Then that reader, not the log, decides
 * what the output means: a response checked, a report turned into annotations.
 */
export function outputRead(node: ScriptNode): boolean {
  for (let n: ScriptNode | undefined = node; n?.parent; n = n.parent) {
    const p: ScriptNode = n.parent;
    if (p.type === 'command_substitution' || p.type === 'process_substitution') return true;
    if (p.type === 'pipeline' && p.children[p.children.length - 1] !== n) return true;
    // Only file redirections (`> resp.json`, `1> out`, `&> log`): a heredoc's body is the command's input.
    if (
      p.type === 'redirected_statement' &&
      p.children.some((c) => c.field === 'redirect' && c.type === 'file_redirect' && /^(\d?>>?|&>>?)\s*(?!\/dev\/null|&)\S/.test(c.text))
    )
      return true;
    if (p.type === 'program' || p.type === 'compound_statement' || p.type === 'do_group' || p.type === 'subshell') break;
  }
  return false;
}
