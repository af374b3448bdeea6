import { handshakeLines } from './protocol-module.js';

export const HANDSHAKE_CALL = '_protocol_handshake(store, rank, world_size)';

/** Lines before which the handshake goes: PyTorch's init_process_group builds the default group there. */
const DEFAULT_ANCHORS = [/^\s*default_pg\b[^=]*=\s*_new_process_group_helper\(/, /_new_process_group_helper\(/];

export type InsertResult = { ok: true; text: string; line: number; already: boolean } | { ok: false; reason: string };

/**
 * Inserts the handshake into `functionName` of a Python file, where `store`, `rank` and
 * `world_size` are all known: before the line that builds the default process group (or the line
 * matching `anchor`), else right after the block that obtains the store from the rendezvous.
 */
export function insertHandshake(text: string, functionName: string, module: string, anchor?: string): InsertResult {
  const lines = text.split('\n');
  const def = lines.findIndex((l) => new RegExp(`^\\s*def\\s+${functionName}\\s*\\(`).test(l));
  if (def < 0) return { ok: false, reason: `no 'def ${functionName}(' in the file` };
  const defIndent = indentOf(lines[def]!);
  let bodyStart = def;
  for (let depth = 0, i = def; i < lines.length; i++) {
    depth += count(lines[i]!, '(') - count(lines[i]!, ')');
    if (depth <= 0 && /:\s*(#.*)?$/.test(lines[i]!)) {
      bodyStart = i + 1;
      break;
    }
  }
  let bodyEnd = lines.length;
  for (let i = bodyStart; i < lines.length; i++) {
    if (lines[i]!.trim() && !lines[i]!.trim().startsWith('#') && indentOf(lines[i]!).length <= defIndent.length) {
      bodyEnd = i;
      break;
    }
  }
  const body = lines.slice(bodyStart, bodyEnd);
  if (body.some((l) => l.includes(HANDSHAKE_CALL)))
    return { ok: true, text, line: bodyStart + body.findIndex((l) => l.includes(HANDSHAKE_CALL)) + 1, already: true };
  const bodyIndent = indentOf(body.find((l) => l.trim()) ?? `${defIndent}    `);
  const anchors = anchor ? [new RegExp(anchor)] : DEFAULT_ANCHORS;
  for (const re of anchors) {
    const at = body.findIndex((l) => re.test(l));
    if (at >= 0) return splice(lines, bodyStart + at, handshakeLines(module, indentOf(body[at]!)));
  }
  if (anchor) return { ok: false, reason: `no line of ${functionName} matches the anchor /${anchor}/` };
  // Fallback: after the block that sets `store` (e.g. `if store is None: store, rank, world_size = next(...)`).
  const setsStore = body.map((l, i) => (/^\s*store\b[^=]*=(?!=)/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (setsStore.length) {
    let at = setsStore[setsStore.length - 1]! + 1;
    while (at < body.length && (!body[at]!.trim() || indentOf(body[at]!).length > bodyIndent.length)) at++;
    return splice(lines, bodyStart + at, handshakeLines(module, bodyIndent));
  }
  return { ok: false, reason: `cannot find where ${functionName} has its store: set m11.anchor in groundwork.yml to a regex of the line to insert before` };
}

function splice(lines: string[], at: number, insert: string[]): InsertResult {
  const out = [...lines.slice(0, at), ...insert, '', ...lines.slice(at)];
  return { ok: true, text: out.join('\n'), line: at + 1, already: false };
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
