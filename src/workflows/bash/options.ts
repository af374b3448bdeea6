import { commandArgs, commandName, pipelineStages, type ParsedScript, type ScriptNode } from '../../sources/shell-script.js';

/** The two shell options that decide whether a failure stops a script. */
export interface ShellOptions {
  /** `-e`: a failing command stops the script. */
  errexit: boolean;
  /** `-o pipefail`: a failing command on the left of a pipe fails the pipe. */
  pipefail: boolean;
}

/** Nodes that run their statements in a shell of their own: `set` inside does not leak out. */
export const SCOPES: ReadonlySet<string> = new Set(['program', 'subshell', 'command_substitution', 'process_substitution']);

interface Switch {
  at: number;
  scope: ScriptNode;
  /** Branches the `set` sits in (an `if` body, a loop body, the right of `&&`): it may not run. */
  regions: string[];
  errexit?: boolean;
  pipefail?: boolean;
}

/** What a `set` (or `shopt -so`) command turns on or off; undefined for other commands. */
export function setEffect(node: ScriptNode): Omit<Switch, 'at' | 'scope' | 'regions'> | undefined {
  if (node.type !== 'command') return undefined;
  const name = commandName(node);
  if (name !== 'set' && name !== 'shopt') return undefined;
  const args = commandArgs(node);
  const out: Omit<Switch, 'at' | 'scope' | 'regions'> = {};
  if (name === 'shopt') {
    const on = args.some((a) => /^-\w*s/.test(a)) && args.some((a) => /^-\w*o/.test(a));
    if (args.includes('pipefail') && args.some((a) => a.startsWith('-'))) out.pipefail = on;
    return out.pipefail === undefined ? undefined : out;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^([-+])([a-zA-Z]+)$/.exec(a);
    if (!m) continue;
    const on = m[1] === '-';
    if (m[2]!.includes('e')) out.errexit = on;
    // `-o NAME` / `-eo NAME` / `-euxo pipefail`: the option name follows a flag group ending in o.
    if (m[2]!.endsWith('o')) {
      const opt = args[i + 1];
      if (opt === 'pipefail') out.pipefail = on;
      if (opt === 'errexit') out.errexit = on;
      i++;
    }
  }
  return out.errexit === undefined && out.pipefail === undefined ? undefined : out;
}

/**
 * Whether a node runs in a (sub)shell of its own: the script, `( … )`, a substitution, or a stage of
 * a pipeline of several (bash forks each stage: `{ set +e; a; } | tee log` leaves the script's
 * options alone, and errexit inside `for …; done | tee log` ends that stage, not the script).
 */
export function isScope(node: ScriptNode): boolean {
  if (SCOPES.has(node.type)) return true;
  const p = node.parent;
  return p?.type === 'pipeline' && node.type !== '|' && node.type !== '|&' && pipelineStages(p).length > 1;
}

/** The (sub)shell a node runs in: its nearest scope ancestor, else the tree's root (even when a parse error left it another type). */
export function scopeOf(node: ScriptNode): ScriptNode {
  let top = node;
  for (let p = node.parent; p; p = p.parent) {
    if (isScope(p)) return p;
    top = p;
  }
  return top;
}

const nodeIds = new WeakMap<ScriptNode, number>();
let nextId = 0;
function idOf(n: ScriptNode): number {
  let id = nodeIds.get(n);
  if (id === undefined) nodeIds.set(n, (id = nextId++));
  return id;
}

/**
 * The branches a node sits in, innermost first, up to its (sub)shell: the `then` part of an `if`,
 * an `elif`/`else` clause, a `case` item, a loop body, the right side of `&&`/`||`. A `set` in a
 * branch is only known to be in force inside that branch.
 */
export function regionsOf(node: ScriptNode): string[] {
  const out: string[] = [];
  // The start node itself may be a scope (a pipeline stage): its own branches still count.
  for (let n: ScriptNode = node; n.parent && (n === node || !isScope(n)); n = n.parent) {
    const p = n.parent;
    if (p.type === 'if_statement' && n.field !== 'condition' && n.type !== 'elif_clause' && n.type !== 'else_clause') out.push(`then:${idOf(p)}`);
    else if (p.type === 'elif_clause' || p.type === 'else_clause' || p.type === 'case_item' || p.type === 'do_group') {
      if (n.field !== 'condition') out.push(`${p.type}:${idOf(p)}`);
    } else if (p.type === 'list' && p.children[p.children.length - 1] === n) out.push(`right:${idOf(p)}`);
  }
  return out;
}

/**
 * Options in force at each point of a script, from the shell it starts with and the `set` commands
 * before that point in the same (sub)shell. A `set` inside a branch counts only inside that branch
 * (whether the branch runs is not known; outside it the options it would change are taken as they
 * were, so no failure is called hidden on the strength of a branch that may not run). Bash clears
 * `-e` inside `$( … )` (unless `shopt -s inherit_errexit`); subshells inherit everything.
 */
export class OptionTracker {
  private readonly switches: Switch[] = [];
  private readonly inheritErrexit: boolean;
  private readonly cache = new Map<ScriptNode, ShellOptions>();

  constructor(
    private readonly parsed: ParsedScript,
    private readonly initial: ShellOptions,
  ) {
    for (const n of parsed.nodes) {
      const effect = setEffect(n);
      if (effect) this.switches.push({ at: n.end, scope: scopeOf(n), regions: regionsOf(n), ...effect });
    }
    this.inheritErrexit = /\bshopt\s+-s\s+inherit_errexit\b/.test(parsed.source);
  }

  /**
   * Options at the start of a node, or at its end (`set +e` inside an `if` body is in force when the
   * `if` finishes, which is when bash decides whether its status stops the script). `ran` names
   * branches known to have run (those of the command whose failure is being followed).
   */
  at(node: ScriptNode, when: 'start' | 'end' = 'start', ran: readonly string[] = []): ShellOptions {
    const scope = isScope(node) && node !== this.parsed.root && when === 'start' ? node : scopeOf(node);
    if (scope === node) return this.scopeStart(scope);
    return this.atPoint(scope, when === 'start' ? node.start : node.end, [...regionsOf(node), ...ran]);
  }

  private atPoint(scope: ScriptNode, point: number, regions: string[]): ShellOptions {
    let opts = this.scopeStart(scope);
    for (const s of this.switches) {
      if (s.scope !== scope || s.at > point || !s.regions.every((r) => regions.includes(r))) continue;
      opts = { errexit: s.errexit ?? opts.errexit, pipefail: s.pipefail ?? opts.pipefail };
    }
    return opts;
  }

  private scopeStart(scope: ScriptNode): ShellOptions {
    if (scope === this.parsed.root || !scope.parent) return this.initial;
    const known = this.cache.get(scope);
    if (known) return known;
    const enclosing = scopeOf(scope);
    const outer = enclosing === scope ? this.initial : this.atPoint(enclosing, scope.start, regionsOf(scope));
    const opts = scope.type === 'command_substitution' && !this.inheritErrexit ? { ...outer, errexit: false } : outer;
    this.cache.set(scope, opts);
    return opts;
  }
}
