import type { Parser, Tree } from './tree-sitter.js';

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
  parent?: ScriptNode;
  /** Field name in the parent (`name`, `argument`, …) where the grammar gives one. */
  field?: string;
}

export interface ParsedScript {
  source: string;
  root: ScriptNode;
  /** Every node in document order (pre-order), for flat scans. */
  nodes: ScriptNode[];
  hasError: boolean;
}

/** A node copied out of the wasm tree; its text is sliced from the script only when asked for. */
class CopiedNode implements ScriptNode {
  children: ScriptNode[] = [];
  constructor(
    private readonly source: string,
    readonly type: string,
    readonly start: number,
    readonly end: number,
    readonly parent: ScriptNode | undefined,
    readonly field: string | undefined,
  ) {}

  get text(): string {
    return this.source.slice(this.start, this.end);
  }
}

/** Copies the tree out with a cursor (no per-node wasm objects), so the wasm memory is freed at once. */
function copyTree(tree: Tree, source: string): { root: ScriptNode; nodes: ScriptNode[] } {
  const cursor = tree.walk();
  const nodes: ScriptNode[] = [];
  const make = (parent?: ScriptNode): ScriptNode => {
    const node: ScriptNode = new CopiedNode(source, cursor.nodeType, cursor.startIndex, cursor.endIndex, parent, cursor.currentFieldName ?? undefined);
    nodes.push(node);
    parent?.children.push(node);
    return node;
  };
  const root = make();
  let current = root;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      current = make(current);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return { root, nodes };
      }
      current = current.parent!;
    }
    current = make(current.parent);
  }
}

/** Parses a script with tree-sitter-bash; `${{ }}` expressions are masked first. */
export function parseScript(parser: Parser, script: string): ParsedScript {
  const masked = maskExpressions(script);
  const tree = parser.parse(masked);
  if (!tree) {
    const root: ScriptNode = { type: 'program', start: 0, end: script.length, text: script, children: [] };
    return { source: script, root, nodes: [root], hasError: true };
  }
  try {
    const { root, nodes } = copyTree(tree, script);
    return { source: script, root, nodes, hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/** A node and everything below it, in document order. */
export function descendants(node: ScriptNode): ScriptNode[] {
  const out: ScriptNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Whether any ancestor of a node has one of these types. */
export function hasAncestor(node: ScriptNode, types: ReadonlySet<string>): boolean {
  for (let p = node.parent; p; p = p.parent) if (types.has(p.type)) return true;
  return false;
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
  return descendants(node).filter((n) => n.type === 'command');
}

/** `a || b`: the operands and operator of a binary `list` node. */
export function listParts(node: ScriptNode): { left: ScriptNode; op: string; right: ScriptNode } | undefined {
  if (node.type !== 'list' || node.children.length < 3) return undefined;
  const opIndex = node.children.findIndex((c) => c.type === '||' || c.type === '&&');
  if (opIndex < 1) return undefined;
  return { left: node.children[opIndex - 1]!, op: node.children[opIndex]!.type, right: node.children[opIndex + 1]! };
}

const STATEMENT_PARENTS = new Set(['program', 'compound_statement', 'do_group', 'subshell']);

/** Whether a node is a statement of its own (not a condition, an operand or a substitution). */
export function isStatement(node: ScriptNode): boolean {
  return !node.parent || STATEMENT_PARENTS.has(node.parent.type);
}

/** Normalised text of a simple command without leading assignments and wrappers (`sudo`, `time`). */
export function commandText(node: ScriptNode): string {
  return node.text.replace(/\s+/g, ' ').replace(/^(\w+=\S*\s+)+/, '').replace(/^(sudo|time|env|exec|eval|nohup)\s+/, '').trim();
}
