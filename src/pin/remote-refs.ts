/** A tag as `git ls-remote` shows it: the object it names and, peeled with `^{}`, the commit. */
export interface RemoteTag {
  name: string;
  /** The tag object for an annotated tag, the commit for a lightweight one. */
  object: string;
  /** Fully peeled (nested tags included): always a commit. */
  commit: string;
}

/** Branches and tags of one action repository at one moment. */
export interface RemoteRefs {
  url: string;
  /** ISO time the refs were listed (from the cache when cached). */
  fetchedAt: string;
  heads: Record<string, string>;
  tags: Record<string, RemoteTag>;
}

/** Parses `git ls-remote --heads --tags` output; `refs/pull/*` and anything else is ignored. */
export function parseLsRemote(url: string, output: string, fetchedAt: string): RemoteRefs {
  const heads: Record<string, string> = {};
  const objects = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^([0-9a-f]{40})\t(refs\/(heads|tags)\/(.+?))(\^\{\})?$/.exec(line.trim());
    if (!m) continue;
    const [, sha, , kind, name, peel] = m;
    if (kind === 'heads') heads[name!] = sha!;
    else if (peel) peeled.set(name!, sha!);
    else objects.set(name!, sha!);
  }
  const tags: Record<string, RemoteTag> = {};
  for (const [name, object] of objects) tags[name] = { name, object, commit: peeled.get(name) ?? object };
  return { url, fetchedAt, heads, tags };
}

/** Tags whose peeled commit is `sha`. */
export function tagsOnCommit(refs: RemoteRefs, sha: string): string[] {
  return Object.values(refs.tags)
    .filter((t) => t.commit === sha)
    .map((t) => t.name);
}

/** True when `sha` is the object of an annotated tag (a tag object, not a commit). */
export function isTagObject(refs: RemoteRefs, sha: string): RemoteTag | undefined {
  return Object.values(refs.tags).find((t) => t.object === sha && t.commit !== sha);
}
