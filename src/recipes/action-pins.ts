import type { Repository } from '../services/repository.js';
import { isActionPath, isWorkflowPath } from '../sources/workflow.js';
import { ACTION_RELEASES, type KnownPin } from './known-pins.js';
import { own as ownEntry } from '../core/own.js';

const USES = /^\s*-?\s*uses:\s*["']?([\w.-]+\/[\w.-]+)@([^\s"'#]+)["']?\s*(?:#\s*(\S+))?/gm;
const SHA = /^[0-9a-f]{40}$/;
const EXACT = /^v?(\d+)\.(\d+)\.(\d+)$/;

/** How a generated workflow refers to an action: pinned to a commit with its exact version. */
export type PinFor = (action: string, fallback: KnownPin) => KnownPin;

interface Seen {
  major: number;
  /** A pin the repository already carries: commit and exact version. */
  pin?: KnownPin;
  numbers: number[];
}

/**
 * The pins generated workflows use in this repository: the major its own workflows already use,
 * never an older one. The repository's own pin of that major is reused as it is (it already trusts
 * that commit); a tag (`@v5`) takes the newest known release of that major; an action the
 * repository does not use keeps groundwork's default.
 */
export function repositoryPins(repo: Repository): PinFor {
  const seen = new Map<string, Seen[]>();
  for (const path of repo.files()) {
    if (!isWorkflowPath(path) && !isActionPath(path)) continue;
    const r = repo.read(path);
    if (!r.ok) continue;
    for (const m of r.file.text.matchAll(USES)) {
      const [, action, ref, comment] = m as unknown as [string, string, string, string | undefined];
      const exact = EXACT.exec(SHA.test(ref) ? (comment ?? '') : ref);
      const major = exact ? Number(exact[1]) : Number(/^v(\d+)$/.exec(ref)?.[1] ?? NaN);
      if (!Number.isFinite(major)) continue;
      const entry: Seen = { major, numbers: exact ? exact.slice(1, 4).map(Number) : [major] };
      if (SHA.test(ref) && exact) entry.pin = { repo: action, version: comment!, sha: ref };
      seen.set(action, [...(seen.get(action) ?? []), entry]);
    }
  }
  return (action, fallback) => {
    const uses = seen.get(action);
    if (!uses?.length) return fallback;
    const major = Math.max(...uses.map((u) => u.major));
    const own = uses.filter((u) => u.major === major && u.pin).sort((a, b) => compare(b.numbers, a.numbers))[0]?.pin;
    if (own) return own;
    const known = (ownEntry(ACTION_RELEASES, action) ?? []).find((p) => Number(EXACT.exec(p.version)?.[1]) === major);
    // A major groundwork has no commit for: the newest it knows, which `groundwork pin --update` moves on.
    return known ?? fallback;
  };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
