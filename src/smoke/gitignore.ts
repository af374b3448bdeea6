/**
 * Whether git ignores a path, by the rules of the repository's .gitignore files: a module that is
 * missing from the checkout but ignored is one the build writes (`version.py`, `*_pb2.py`,
 * `_generated/`). git's order holds: deeper .gitignore files after the ones above them, the last
 * matching rule wins, a `!` rule re-includes, and nothing under an ignored folder is re-included.
 */
import picomatch from 'picomatch';

interface Rule {
  /** The folder of the .gitignore ('' at the root). */
  base: string;
  match: RegExp;
  dirOnly: boolean;
  negated: boolean;
}

export class GitIgnore {
  private rules: Rule[] = [];
  private sorted = true;

  /** Adds the rules of the .gitignore file in `base`. */
  add(base: string, text: string): void {
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.replace(/(?<!\\)\s+$/, '');
      if (!line || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      line = line.replace(/^!/, '').replace(/^\\/, '');
      const dirOnly = line.endsWith('/');
      line = line.replace(/\/+$/, '');
      // A pattern with a slash (not at its end) is relative to the .gitignore's folder; one without matches a name at any depth.
      const glob = line.includes('/') ? line.replace(/^\//, '') : `**/${line}`;
      if (!line || glob === '**/') continue;
      this.rules.push({ base, match: picomatch.makeRe(glob, { dot: true }), dirOnly, negated });
    }
    this.sorted = false;
    this.decided.clear();
  }

  get size(): number {
    return this.rules.length;
  }

  /** Whether `path` (a file, or a folder when `isDir`) is ignored, itself or through a folder above it. */
  ignores(path: string, isDir = false): boolean {
    if (!this.sorted) {
      // Stable: the rules of one file keep their order.
      this.rules = this.rules
        .map((r, i) => ({ r, i }))
        .sort((a, b) => a.r.base.split('/').length - b.r.base.split('/').length || (a.r.base ? 1 : 0) - (b.r.base ? 1 : 0) || a.i - b.i)
        .map((x) => x.r);
      this.sorted = true;
    }
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (this.decide(parts.slice(0, i).join('/'), i < parts.length || isDir)) return true;
    }
    return false;
  }

  private readonly decided = new Map<string, boolean>();

  private decide(candidate: string, dir: boolean): boolean {
    const key = dir ? `${candidate}/` : candidate;
    let ignored = this.decided.get(key);
    if (ignored !== undefined) return ignored;
    ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !dir) continue;
      if (r.base && !candidate.startsWith(`${r.base}/`)) continue;
      if (r.match.test(r.base ? candidate.slice(r.base.length + 1) : candidate)) ignored = !r.negated;
    }
    this.decided.set(key, ignored);
    return ignored;
  }
}
