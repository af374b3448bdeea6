import type { FetchDeclaration } from './fetched.js';
import { versionFromName } from './fetched.js';
import { isTestPath } from './scope.js';
import { archiveRef } from './upstream-url.js';
import { isTemplate, keyValueLines, VarPool } from './variables.js';

/** Folders whose scripts set up CI machines or containers: what they clone is tooling, not vendored code. */
const CI_DIR = /^(?:\.github|\.ci|ci|\.circleci|\.gitlab|docker|\.devcontainer|\.buildkite|\.azure-pipelines|azure-pipelines|jenkins|\.jenkins|kokoro|infra)$/i;
const SCRIPT_NAME = /(?:^|[-_])(?:update|vendor|vendored|import|sync|fetch|download|get|pull|bump|roll|clone|refresh)(?:[-_.]|$)/i;

/**
 * A script that copies third-party code into the tree: under a vendor folder, or named for it
 * (`update_eigen.sh`, `vendor.py`), outside CI and container set-up.
 */
export function isVendoringScript(path: string, vendorRoots: ReadonlySet<string>): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1]!;
  if (!/\.(?:sh|bash|py)$/.test(base)) return false;
  if (parts.slice(0, -1).some((p) => CI_DIR.test(p)) || isTestPath(path)) return false;
  const underVendor = parts.slice(0, -1).some((p) => vendorRoots.has(p.toLowerCase()));
  return underVendor
    ? SCRIPT_NAME.test(base) || /^(?:.*[-_])?(?:deps|third[-_]?party|version)s?\.(?:sh|py)$/i.test(base)
    : SCRIPT_NAME.test(base) && /vendor|third[-_]?party|deps|external|upstream/i.test(path);
}

const FETCH_LINE = /\bgit\s+(?:clone|fetch|submodule\s+add|remote\s+add)\b|\bcurl\b|\bwget\b|urlretrieve|urlopen|requests\.get|\bdownload/i;
const URL_VAR = /(?:^|_)(?:URL|REPO|REPOSITORY|UPSTREAM|REMOTE|SOURCE|GIT)(?:_|$)/i;
const PIN_VAR = /(?:^|_)(?:COMMIT|REV|REVISION|SHA|HASH|TAG|VERSION|REF|RELEASE)(?:_|$)/i;

/**
 * Reads `REPO_URL=…`/`COMMIT=…` assignments and the URLs that `git clone`, `curl` or `wget` lines
 * use, with the script's own variables expanded. A URL counts only when it names a source
 * repository or a versioned source archive: data downloads are not vendored code.
 */
export function parseVendoringScript(file: string, text: string, anyUrl = false): FetchDeclaration[] {
  const code = text.split(/\r?\n/).map((l) => (/^\s*#/.test(l) ? '' : l.replace(/\s+#\s.*$/, '')));
  const pool = new VarPool();
  const assigned = keyValueLines(code.join('\n'));
  for (const kv of assigned) pool.set(kv.key, { value: kv.value, file, line: kv.line });
  // Python-style NAME = "value"
  for (const [i, l] of code.entries()) {
    const m = /^([A-Z_][A-Z0-9_]*)\s*=\s*["']([^"']+)["']\s*$/.exec(l);
    if (m) pool.set(m[1]!, { value: m[2]!, file, line: i + 1 });
  }
  const pins = assigned.filter((kv) => PIN_VAR.test(kv.key) && !URL_VAR.test(kv.key) && kv.value && !isTemplate(pool.expand(kv.value)));
  const found = new Map<string, FetchDeclaration>();
  code.forEach((raw, i) => {
    const line = pool.expand(raw);
    const kv = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/.exec(raw);
    // a version list (Arrow's versions.txt) names its downloads without a curl on the line
    if (!anyUrl && !FETCH_LINE.test(line) && !(kv && URL_VAR.test(kv[1]!))) return;
    for (const m of line.matchAll(/(?:https?|git|ssh):\/\/[^\s"'`<>)]+|git@[\w.-]+:[\w./-]+/g)) {
      const url = m[0].replace(/[.,;]+$/, '');
      if (isTemplate(url)) continue;
      const ref = archiveRef(url);
      if (!ref) continue;
      const isRepo = Boolean(ref.github) || /\.git$|googlesource\.com|gitlab\.|bitbucket\.org/.test(url);
      const isSourceArchive = /\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/.test(url) && Boolean(versionFromName(url));
      if (!isRepo && !isSourceArchive) continue;
      if (/\/(?:issues|pull|wiki|actions|blob)\//.test(url)) continue;
      if (found.has(ref.key)) continue;
      const checkout = code
        .slice(i)
        .map((l) => pool.expand(l))
        .join('\n');
      const gitRef =
        /\bgit\s+(?:-C\s+\S+\s+)?checkout\s+(?:-q\s+|--quiet\s+|--detach\s+)*([\w./-]+)/.exec(checkout)?.[1] ?? /(?:--branch|-b)\s+([\w./-]+)/.exec(line)?.[1];
      const pin =
        ref.commit ?? ref.tag ?? (gitRef && !isTemplate(gitRef) ? gitRef : undefined) ?? (pins.length === 1 ? pool.expand(pins[0]!.value) : undefined);
      found.set(ref.key, {
        name:
          ref.github?.split('/')[1] ??
          url
            .replace(/\.git$/, '')
            .split('/')
            .pop()!
            .replace(/\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/, '')
            .replace(/[-_]v?\d[\w.]*$/, ''),
        via: anyUrl ? 'version-list' : 'vendoring-script',
        file,
        line: i + 1,
        url: ref.github ? ref.repo : url,
        ref: pin,
        version: versionFromName(pin) ?? versionFromName(url),
        patches: [],
        scope: 'unknown',
        confidence: anyUrl && (ref.commit || ref.tag || versionFromName(url)) ? 'high' : 'medium',
      });
    }
  });
  const decls = [...found.values()];
  // one upstream fetched by a script inside a vendored folder is that folder's code
  const folder = file.split('/').slice(0, -1).join('/');
  if (decls.length === 1 && folder && !anyUrl) decls[0]!.path = folder;
  return decls;
}
