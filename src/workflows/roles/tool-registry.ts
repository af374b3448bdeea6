import { roleOfName } from './lexicon.js';
import type { Resolved } from './resolve-command.js';
import { rank, type Role } from './role.js';
import { own } from '../../core/own.js';

export { rank };

// The tool table's registry and the building blocks of its entries (tools.ts fills it).

export type Decide = (args: string[], r: Resolved) => Role | undefined;

export const fixed =
  (role: Role): Decide =>
  () =>
    role;

export function positional(args: string[], valued: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * The values an option is given, in each of its spellings (`-p x`, `--package x`, `--package=x`) and,
 * with `attached`, a short option's glued form (`-px`, as cargo reads it).
 */
export function optionValues(args: readonly string[], names: readonly string[], attached = false): string[] {
  return args.flatMap((x, i) => {
    for (const n of names) {
      if (x === n) return [args[i + 1] ?? ''];
      if (n.startsWith('--') && x.startsWith(`${n}=`)) return [x.slice(n.length + 1)];
      if (attached && !n.startsWith('--') && x.startsWith(n) && x.length > n.length) return [x.slice(n.length)];
    }
    return [];
  });
}

/**
 * The first positional argument chooses: `git push`, `cargo test`, `brew uninstall`. A subcommand
 * the table marks `other` runs a program of the project's (`cargo run`, `go run`, `stack exec`): see
 * `programRun`.
 */
export function sub(table: Record<string, Role>, otherwise?: Role, valued?: ReadonlySet<string>): Decide {
  return (args) => {
    const [first, ...rest] = positional(args, valued);
    const role = first !== undefined ? own(table, first.toLowerCase()) : undefined;
    if (role === 'other') return programRun(rest);
    return role ?? otherwise;
  };
}

/**
 * `cargo run --manifest-path ci/Cargo.toml integration`, `go run ./cmd/gen`, `stack exec site build`:
 * the program is the project's own, so no table says what it is for. The names handed to it may
 * (`integration` tests, `build` builds); otherwise the step's role decides, as for any command the
 * table does not know: it is the step's main work.
 */
export function programRun(names: readonly string[]): Role | undefined {
  let best: Role | undefined;
  for (const n of names) {
    if (!/^[a-z][\w:-]*$/i.test(n)) continue;
    const role = roleOfTarget(n);
    if (role && role !== 'other' && (!best || rank(role) > rank(best))) best = role;
  }
  return best;
}

/** The most important role among named targets (`make lint test`, `rake docker:pull:x`), else a default. */
export function targets(otherwise: Role | undefined, valued: ReadonlySet<string>): Decide {
  return (args) => {
    const names = positional(args, valued).filter((a) => !a.includes('='));
    let best: Role | undefined;
    for (const t of names) {
      const role = roleOfTarget(t);
      if (role && (!best || rank(role) > rank(best))) best = role;
    }
    return best ?? (names.length === 0 ? otherwise : undefined);
  };
}

/** A target's role is read like a name: `build-cache` builds a cache, `lint-py-build` lints, `docker:pull:x` pulls. */
export function roleOfTarget(t: string): Role | undefined {
  return roleOfName(t.replace(/:/g, ' '))?.role;
}

/** Program name → how to tell what a run of it is for. */
export const TOOLS = new Map<string, Decide>();
export function tool(names: string, decide: Decide): void {
  for (const n of names.trim().split(/\s+/)) TOOLS.set(n, decide);
}
