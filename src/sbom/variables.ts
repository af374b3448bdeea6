/** Where a variable was given a value. */
export interface VarSite {
  value: string;
  file: string;
  line: number;
}

/**
 * The variables a repository's build sets: CMake `set()`/`option()`, and `KEY=VALUE` lists that
 * the build reads (`versions.txt`, `third_party_release`, `*.env`). A name set to several different
 * values is ambiguous and resolves to nothing: an SBOM must not pick one of two pins at random.
 */
export class VarPool {
  private readonly sites = new Map<string, VarSite[]>();
  /** Keys of KEY=VALUE lists, lower-cased, for `${name_GIT_TAG}`-style lookups by stem. */
  private readonly listed = new Map<string, VarSite[]>();

  set(name: string, site: VarSite, fromList = false): void {
    const list = this.sites.get(name) ?? [];
    list.push(site);
    this.sites.set(name, list);
    if (fromList) {
      const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
      this.listed.set(k, [...(this.listed.get(k) ?? []), site]);
    }
  }

  /** The value of a name when every site agrees, with where it was read. */
  get(name: string): VarSite | undefined {
    const list = this.sites.get(name);
    if (!list?.length) return this.byStem(name);
    const values = new Set(list.map((s) => s.value));
    if (values.size === 1) return list[0];
    // `set(X "")` defaults next to one real value: the real one is what a build would use
    const real = [...values].filter((v) => v !== '' && !/\$\{/.test(v));
    return real.length === 1 ? list.find((s) => s.value === real[0]) : undefined;
  }

  /** `${googletest_GIT_TAG}` when a list read by the build says `googletest=1.14.0`. */
  private byStem(name: string): VarSite | undefined {
    const m = /^(.+?)_(?:GIT_TAG|TAG|VERSION|REVISION|COMMIT|SHA|REF|RELEASE)$/i.exec(name);
    if (!m) return undefined;
    const k = m[1]!.toLowerCase().replace(/[^a-z0-9]/g, '');
    const hits = this.listed.get(k);
    return hits && new Set(hits.map((h) => h.value)).size === 1 ? hits[0] : undefined;
  }

  /**
   * Expands `${NAME}` (and `$NAME`, `$(NAME)` for shell-style lists) up to a few levels deep; names
   * it cannot resolve stay as written, so the caller can see the value is a template.
   */
  expand(text: string, used: VarSite[] = [], depth = 0): string {
    if (depth > 6) return text;
    const out = text.replace(
      /\$\{([A-Za-z_][\w.-]*)(?::(\d+))?\}|\$\(([A-Za-z_]\w*)\)|\$([A-Za-z_]\w*)/g,
      (m, a: string | undefined, slice: string | undefined, b: string | undefined, c: string | undefined) => {
        const name = a ?? b ?? c!;
        const site = this.get(name);
        if (!site) return m;
        used.push(site);
        const v = this.expand(site.value, used, depth + 1);
        return slice ? v.slice(Number(slice)) : v;
      },
    );
    return out;
  }
}

/** A value still holding a placeholder: `${NAME}`, `@NAME@`, `{0}`, `{name}`, `%s`, `$NAME`. */
export function isTemplate(text: string | undefined): boolean {
  return text !== undefined && /\$\{[^}]*\}|\$\([A-Za-z_]\w*\)|\$[A-Za-z_]\w*|@[A-Za-z_]\w*@|\{\w*\}|%[sd]|<[a-z_-]+>/.test(text);
}

/** `KEY=VALUE` lines (shell assignments, `.env`, version lists); comments and arrays are skipped. */
export function keyValueLines(text: string): { key: string; value: string; line: number }[] {
  const out: { key: string; value: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+|readonly\s+|local\s+)?([A-Za-z_][\w.-]*)\s*[:]?=\s*(?:"([^"]*)"|'([^']*)'|([^\s#;()]+))\s*(?:[#;].*)?$/.exec(raw);
    if (m) out.push({ key: m[1]!, value: m[2] ?? m[3] ?? m[4] ?? '', line: i + 1 });
  });
  return out;
}
