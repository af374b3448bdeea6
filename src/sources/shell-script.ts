import type { Parser, SyntaxNode } from './tree-sitter.js';

/**
 * Replaces each `${{ … }}` with a same-length run of `_` so the shell parser sees a plain word
 * and every offset still matches the original script.
 */
export function maskExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, '_'));
}

/** A parsed `run:` script: a plain tree of commands the rules can walk without wasm handles. */
export interface ScriptNode {
  type: string;
  start: number;
  end: number;
  text: string;
  children: ScriptNode[];
  /** Field name in the parent (`name`, `argument`, …) where the grammar gives one. */
  field?: string;
}

export interface ParsedScript {
  source: string;
  root: ScriptNode;
  hasError: boolean;
}

function copy(node: SyntaxNode, source: string, field?: string): ScriptNode {
  const children: ScriptNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) children.push(copy(child, source, node.fieldNameForChild(i) ?? undefined));
  }
  return { type: node.type, start: node.startIndex, end: node.endIndex, text: source.slice(node.startIndex, node.endIndex), children, field };
}

/** Parses a script with tree-sitter-bash and copies the tree out so the wasm memory is freed at once. */
export function parseScript(parser: Parser, script: string): ParsedScript {
  const masked = maskExpressions(script);
  const tree = parser.parse(masked);
  if (!tree) return { source: script, root: { type: 'program', start: 0, end: script.length, text: script, children: [] }, hasError: true };
  try {
    return { source: script, root: copy(tree.rootNode, script), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

export function* walk(node: ScriptNode): Generator<ScriptNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

/** The command name of a `command` node (`pytest` in `FOO=1 pytest -x`). */
export function commandName(node: ScriptNode): string | undefined {
  if (node.type !== 'command') return undefined;
  const name = node.children.find((c) => c.type === 'command_name');
  return name?.text.replace(/^["']|["']$/g, '');
}

/** The arguments of a `command` node as text. */
export function commandArgs(node: ScriptNode): string[] {
  return node.children.filter((c) => c.field === 'argument').map((c) => c.text);
}

/** Every command name inside a node, in order, including inside subshells and substitutions. */
export function commandsIn(node: ScriptNode): ScriptNode[] {
  return [...walk(node)].filter((n) => n.type === 'command');
}

/** `a || b`: the operands and operator of a binary `list` node. */
export function listParts(node: ScriptNode): { left: ScriptNode; op: string; right: ScriptNode } | undefined {
  if (node.type !== 'list' || node.children.length < 3) return undefined;
  const opIndex = node.children.findIndex((c) => c.type === '||' || c.type === '&&');
  if (opIndex < 1) return undefined;
  return { left: node.children[opIndex - 1]!, op: node.children[opIndex]!.type, right: node.children[opIndex + 1]! };
}

/** Walks with the chain of ancestors, nearest last. */
export function* walkWithAncestors(node: ScriptNode, ancestors: ScriptNode[] = []): Generator<{ node: ScriptNode; ancestors: ScriptNode[] }> {
  yield { node, ancestors };
  const next = [...ancestors, node];
  for (const c of node.children) yield* walkWithAncestors(c, next);
}

/** Whether a node is a statement of its own (not a condition, an operand or a substitution). */
export function isStatement(ancestors: readonly ScriptNode[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  return !parent || parent.type === 'program' || parent.type === 'compound_statement' || parent.type === 'do_group' || parent.type === 'subshell';
}

/** Normalised text of a simple command without leading assignments and wrappers (`sudo`, `time`). */
export function commandText(node: ScriptNode): string {
  return node.text.replace(/\s+/g, ' ').replace(/^(\w+=\S*\s+)+/, '').replace(/^(sudo|time|env|exec|eval|nohup)\s+/, '').trim();
}
