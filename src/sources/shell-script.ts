import type { Parser, Tree } from './tree-sitter.js';

/**
 * Replaces each `${{ … }}` with a same-length run of `_` so the shell parser sees a plain word
 * and every offset still matches the original script.
 */
export function maskExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, '_'));
}

/**
 * Puts the `${{ … }}` text back into words read from a masked script, so messages show what the
 * workflow says. Each word is found in `masked` from `from` on (masking keeps every offset), and a
 * word not found there (quotes stripped, words joined) is kept as it is.
 */
export function restoreExpressions(words: readonly string[], masked: string, original: string, from: number): string[] {
  if (masked === original) return [...words];
  let at = from;
  return words.map((w) => {
    const i = w ? masked.indexOf(w, at) : -1;
    if (i < 0) return w;
    at = i + w.length;
    return original.slice(i, at);
  });
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
    public start: number,
    public end: number,
    public parent: ScriptNode | undefined,
    public field: string | undefined,
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

/**
 * Offsets of line breaks that tree-sitter-bash took for spaces between a command's words. Bash never
 * does (only `\` before the break continues a line), but the grammar (0.25) reads `a | b | c` NL
 * `d || e` as a pipeline whose last command is `c d`.
 */
function strayNewlines(nodes: readonly ScriptNode[], text: string): number[] {
  const out: number[] = [];
  for (const n of nodes) {
    if (n.type !== 'command') continue;
    for (let i = 1; i < n.children.length; i++) {
      const gapStart = n.children[i - 1]!.end;
      const gap = text.slice(gapStart, n.children[i]!.start);
      const m = /(^|[^\\])\n/.exec(gap);
      if (m) out.push(gapStart + m.index + m[1]!.length);
    }
  }
  return out;
}

/**
 * tree-sitter-bash (0.25) names an `if`'s condition (field `condition`) but not an `elif`'s: what
 * stands between `elif` and `then` is a condition all the same, a question whose failure picks the
 * branch (bash ignores -e there). Names it, so every reader of the tree sees one kind of condition.
 */
function markElifConditions(nodes: readonly ScriptNode[]): void {
  for (const n of nodes) {
    if (n.type !== 'elif_clause') continue;
    for (const c of n.children.slice(1)) {
      if (c.type === 'then') break;
      if (!c.field) (c as CopiedNode).field = 'condition';
    }
  }
}

/**
 * tree-sitter-bash (0.25) reads `a | b | c || d` as `a | (b | c || d)`; in bash `|` binds tighter than
 * `&&`/`||`, so it is `(a | b | c) || d`. Rewrites such trees in place: the pipeline takes the list's
 * leftmost operand as its last stages, and the list takes the pipeline's place. Returns whether
 * anything changed.
 */
function regroupPipelineLists(root: ScriptNode, source: string): boolean {
  let changed = false;
  const visit = (node: ScriptNode) => {
    for (const c of [...node.children]) visit(c);
    if (node.type !== 'pipeline' || !node.parent) return;
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'list') return;
    let inner: ScriptNode = last;
    while (inner.children[0]?.type === 'list') inner = inner.children[0];
    const leftmost = inner.children[0];
    if (!leftmost) return;
    const pipe = new CopiedNode(source, 'pipeline', node.start, leftmost.end, inner, leftmost.field);
    const stages = [...node.children.slice(0, -1), ...(leftmost.type === 'pipeline' ? leftmost.children : [leftmost])];
    for (const st of stages) (st as CopiedNode).parent = pipe;
    pipe.children = stages;
    inner.children[0] = pipe;
    for (let l: ScriptNode | undefined = inner; l; l = l === last ? undefined : l.parent) (l as CopiedNode).start = node.start;
    const parent = node.parent;
    parent.children[parent.children.indexOf(node)] = last;
    (last as CopiedNode).parent = parent;
    (last as CopiedNode).field = node.field;
    changed = true;
  };
  visit(root);
  return changed;
}

function preorder(root: ScriptNode): ScriptNode[] {
  const out: ScriptNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

const RESERVED = new Set(['for', 'while', 'until', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'function', 'select', '{', '}']);

/**
 * Parses a script with tree-sitter-bash; `${{ }}` expressions are masked first. Where the grammar
 * joins two lines into one command, the line break is given to it as `;` (same length, so every
 * offset still matches the script) and the script is parsed again.
 */
export function parseScript(parser: Parser, script: string): ParsedScript {
  let masked = maskExpressions(script);
  // `make test \` on the script's last line: bash drops a backslash-newline before the end of the
  // script, and the command ends there; the grammar reads an error. Same length, offsets unchanged.
  const dangling = /\\(\r?\n)?\s*$/.exec(masked);
  if (dangling && !/\\\\(\r?\n)?\s*$/.test(masked)) masked = `${masked.slice(0, dangling.index)} ${masked.slice(dangling.index + 1)}`;
  const first = parseMasked(parser, script, masked);
  if (!first.hasError) return first;
  // A script the analysis would skip: try once more with the spellings the grammar misreads rewritten.
  const again = parseMasked(parser, script, misreadsRewritten(masked));
  return again.hasError ? first : again;
}

/**
 * Spellings tree-sitter-bash misreads, rewritten to the same length (the text of every node is still
 * taken from the script): a line that is only a comment, which after a continued pipeline (`a \` /
 * `| b` / `# note` / `if …`) the grammar reads as more words of the pipe's last command; and an
 * escaped `!` standing alone (`[ \! "$tag" = latest ]`), which it reads as the end of the test.
 */
function misreadsRewritten(masked: string): string {
  return masked.replace(/^[ \t]*#[^\n]*/gm, (m) => ' '.repeat(m.length)).replace(/(?<=\s)\\!(?=\s)/g, ' !');
}

function parseMasked(parser: Parser, script: string, masked: string): ParsedScript {
  for (let attempt = 0; ; attempt++) {
    const tree = parser.parse(masked);
    if (!tree) {
      const root: ScriptNode = { type: 'program', start: 0, end: script.length, text: script, children: [] };
      return { source: script, root, nodes: [root], hasError: true };
    }
    let copied: { root: ScriptNode; nodes: ScriptNode[] };
    let hasError: boolean;
    try {
      copied = copyTree(tree, script);
      hasError = tree.rootNode.hasError;
    } finally {
      tree.delete();
    }
    const stray = attempt < 8 ? strayNewlines(copied.nodes, masked) : [];
    if (stray.length === 0) {
      markElifConditions(copied.nodes);
      const nodes = regroupPipelineLists(copied.root, script) ? preorder(copied.root) : copied.nodes;
      // A reserved word read as a command name (`! for x in …; do` is one) means the tree is wrong there.
      const misread = nodes.some((n) => n.type === 'command' && RESERVED.has(commandName(n) ?? ''));
      return { source: script, root: copied.root, nodes, hasError: hasError || misread };
    }
    for (const at of stray) masked = `${masked.slice(0, at)};${masked.slice(at + 1)}`;
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
  return node.text
    .replace(/\s+/g, ' ')
    .replace(/^(\w+=\S*\s+)+/, '')
    .replace(/^(sudo|time|env|exec|eval|nohup)\s+/, '')
    .trim();
}

/** A word's text without its surrounding quotes (`"a b"` → a b, `'x'` → x). */
export function unquote(text: string): string {
  if (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")))) return text.slice(1, -1);
  return text;
}

/**
 * The branch of an `if` or `case` statement that holds `n`: an `elif`/`else` clause or a `case` item,
 * or the statement itself for an `if`'s condition and then-part (whose statements are its children).
 */
export function branchOf(statement: ScriptNode, n: ScriptNode): ScriptNode {
  const part = statement.children.find((c) => c.start <= n.start && n.end <= c.end);
  return part && (part.type === 'elif_clause' || part.type === 'else_clause' || part.type === 'case_item') ? part : statement;
}

/** The nearest ancestor of a node of a type (`pipeline`, `command_substitution`). */
export function findAncestor(node: ScriptNode, type: string): ScriptNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === type) return p;
  return undefined;
}

/** The stages of a pipeline (`a | b |& c` → a, b, c), without the pipe operators. */
export function pipelineStages(pipeline: ScriptNode): ScriptNode[] {
  return pipeline.children.filter((c) => c.type !== '|' && c.type !== '|&');
}

/** A `command` node's words, unquoted: its name, then its arguments (`sudo -E pytest -x` → [sudo, -E, pytest, -x]). */
export function commandWords(node: ScriptNode): string[] {
  if (node.type !== 'command') return [];
  const out: string[] = [];
  for (const c of node.children) {
    if (c.type === 'command_name' || c.field === 'argument') out.push(unquote(c.text));
  }
  return out;
}
