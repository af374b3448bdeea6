import { createRequire } from 'node:module';
import parse from 'spdx-expression-parse';

type Node = parse.Info;

let listed: Set<string> | undefined;
/** Identifiers on the SPDX licence list (deprecated ones included: `GPL-2.0+` is still valid SPDX). */
function spdxIds(): Set<string> {
  listed ??= new Set(Object.keys(createRequire(import.meta.url)('spdx-license-list') as Record<string, unknown>));
  return listed;
}

function tryParse(expr: string): Node | undefined {
  try {
    return parse(expr);
  } catch {
    return undefined;
  }
}

/** Writes an expression back from its tree: `AND` binds tighter than `OR`, so only OR under AND needs brackets. */
export function emit(node: Node, parent?: 'and' | 'or'): string {
  if ('conjunction' in node) {
    const text = `${emit(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${emit(node.right, node.conjunction)}`;
    return parent === 'and' && node.conjunction === 'or' ? `(${text})` : text;
  }
  return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
}

/** Whether a string is a valid SPDX expression (ids and exceptions from the SPDX lists). */
export function isSpdxExpression(expr: string): boolean {
  return tryParse(expr) !== undefined;
}

/**
 * The SPDX form of an expression as written, or undefined if it is not one: case is fixed for
 * known ids (`mit` → `MIT`), `-only`/`-or-later` are kept as written, nothing else changes.
 */
export function normaliseExpression(expr: string): string | undefined {
  const cased = expr
    .trim()
    .replace(/^\(|\)$/g, (m) => (expr.trim().startsWith('(') && expr.trim().endsWith(')') ? '' : m))
    .replace(/\s+/g, ' ')
    .replace(/\b(and|or|with)\b/g, (w) => w.toUpperCase());
  const byLower = new Map([...spdxIds()].map((id) => [id.toLowerCase(), id]));
  const fixed = cased.replace(/[A-Za-z0-9.+-]+/g, (tok) => (['AND', 'OR', 'WITH'].includes(tok) ? tok : (byLower.get(tok.toLowerCase()) ?? tok)));
  const node = tryParse(fixed);
  return node ? emit(node) : undefined;
}

/** Leaf licence ids of an expression (exceptions dropped). */
export function licenceIds(expr: string): string[] {
  const node = tryParse(expr);
  if (!node) return [];
  const out: string[] = [];
  const walk = (n: Node) => {
    if ('conjunction' in n) {
      walk(n.left);
      walk(n.right);
    } else out.push(`${n.license}${n.plus ? '+' : ''}`);
  };
  walk(node);
  return out;
}

/**
 * Joins expressions with AND (all apply) or OR (a choice), through the parser so the result is
 * valid SPDX with the brackets it needs; duplicates go, order is sorted for stable output.
 */
export function joinExpressions(exprs: readonly string[], conjunction: 'AND' | 'OR'): string {
  const uniq = [...new Set(exprs.map((e) => normaliseExpression(e) ?? e))].sort();
  if (uniq.length === 1) return uniq[0]!;
  const nodes = uniq.map((e) => tryParse(e));
  if (nodes.some((n) => !n)) return uniq.map((e) => (/ (AND|OR) /.test(e) ? `(${e})` : e)).join(` ${conjunction} `);
  const c = conjunction === 'AND' ? 'and' : 'or';
  const tree = nodes.reduce((l, r) => ({ conjunction: c, left: l!, right: r! }) as Node)!;
  return emit(tree);
}
