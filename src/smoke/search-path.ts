/**
 * The sys.path the check resolves imports against, in Python's order: entries searched before the
 * standard library (the checkout's root, the build's source folders, the folders test runners and
 * CI scripts add), then installed packages (each package from its home, folders mapped by
 * `package_dir` or meson), and the modules the build makes that no folder shows.
 */
import { IDENTIFIER } from './module-index.js';

export interface PathRoot {
  dir: string;
  /** Only these top-level names come from it; all when absent. */
  names?: ReadonlySet<string>;
  /** Only files under this folder see it ('' for all). */
  scope: string;
  why: string;
  /** Where the project's own packages are for every run (not a folder one script or test run adds). */
  project?: boolean;
}

/** `scope/`, made once per root (asked for every file). */
const SCOPE_PREFIX = new WeakMap<PathRoot, string>();

export interface Built {
  kind: 'compiled' | 'generated' | 'injected';
  why: string;
  /** Everything under it is unknown too (a package the build writes whole, a `sys.modules["pkg." + name]` injection). */
  subtree?: boolean;
}

export class SearchPath {
  /** Searched before the standard library. */
  readonly before: PathRoot[] = [];
  /** Installed packages, searched after it. */
  readonly installed: PathRoot[] = [];
  /** Dotted module → the folders or files it is installed from. */
  readonly mappings = new Map<string, string[]>();
  /** Dotted module → why the build (or a `sys.modules` write) provides it. */
  readonly built = new Map<string, Built>();
  /** Dotted package folders that exist once installed (meson's install_dir), whatever the checkout holds. */
  readonly installedDirs = new Set<string>();
  /** Modules the build makes, by pattern (`Extension("dgl._ffi.%s.%s" % …)`). */
  readonly builtPatterns: { pattern: RegExp; built: Built }[] = [];
  /** The Bazel workspace's name (MODULE.bazel `module(name = …)`, WORKSPACE `workspace(name = …)`). */
  workspace?: string;

  addBefore(root: PathRoot): void {
    if (!this.before.some((r) => r.dir === root.dir && r.scope === root.scope && !r.names && !root.names)) this.before.push(root);
  }

  /** Whether a file under `from` sees the root. */
  static sees(root: PathRoot, from: string): boolean {
    if (!root.scope) return true;
    let prefix = SCOPE_PREFIX.get(root);
    if (prefix === undefined) {
      prefix = `${root.scope}/`;
      SCOPE_PREFIX.set(root, prefix);
    }
    return from.startsWith(prefix);
  }

  private readonly installedByName = new Map<string, PathRoot[]>();

  addInstalled(root: PathRoot): void {
    this.installed.push(root);
    for (const name of root.names ?? []) this.installedByName.set(name, [...(this.installedByName.get(name) ?? []), root]);
  }

  /** The installed roots that provide the top-level name (each names what it provides). */
  installedFor(name: string): readonly PathRoot[] {
    return this.installedByName.get(name) ?? [];
  }

  map(module: string, path: string): void {
    if (!module.split('.').every((p) => IDENTIFIER.test(p))) return;
    const list = this.mappings.get(module) ?? [];
    if (!list.includes(path)) list.push(path);
    this.mappings.set(module, list);
  }

  build(module: string, b: Built): void {
    if (module.includes('*')) {
      const pattern = new RegExp(
        `^${module
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[\\w]+')}$`,
      );
      this.builtPatterns.push({ pattern, built: b });
      return;
    }
    const old = this.built.get(module);
    if (!old || (b.subtree && !old.subtree)) this.built.set(module, b);
  }

  /** Why the build provides `module` (or, unless `exactly`, a package above it whole); undefined when it does not. */
  builtAt(module: string, exactly = false): Built | undefined {
    const own = this.built.get(module) ?? this.builtPatterns.find((p) => p.pattern.test(module))?.built;
    if (own || exactly) return own;
    for (let dot = module.lastIndexOf('.'); dot > 0; dot = module.lastIndexOf('.', dot - 1)) {
      const b = this.built.get(module.slice(0, dot));
      if (b?.subtree) return b;
    }
    return undefined;
  }
}
