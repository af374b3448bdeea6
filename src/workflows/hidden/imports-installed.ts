/**
 * An inline import of what an earlier command installed: `rustpython -m ensurepip` then `rustpython
 * -c "import pip"`, `python -m pip install requests` then `python -c "import requests"`. The import
 * fails when the install did, so it answers for it.
 */
export function importsInstalled(later: readonly string[], earlier: readonly string[]): boolean {
  const installed = installedModules(earlier);
  if (installed.size === 0) return false;
  const c = later.indexOf('-c');
  if (c < 1 || !/python|pypy|rustpython|graalpy/i.test(later[0] ?? '')) return false;
  const code = later[c + 1] ?? '';
  return [...code.matchAll(/(?:^|[;\n]\s*)(?:import|from)\s+([A-Za-z_]\w*)/g)].some((m) => installed.has(m[1]!.toLowerCase()));
}

/** The top-level modules an install names: ensurepip's pip, `pip install NAME…` (names as modules). */
function installedModules(words: readonly string[]): Set<string> {
  const m = words.indexOf('-m');
  if (m > 0 && words[m + 1] === 'ensurepip') return new Set(['pip']);
  const pip = words.findIndex((w, i) => /^pip3?$/.test(w) || (i === m + 1 && w === 'pip'));
  // An upgrade may leave the old copy importable, as may the packages every Python has.
  // (So may a pinned version, `numpy==1.26.4`, a forced reinstall or a pre-release: the copy already
  // there still imports.)
  if (
    pip < 0 ||
    words[pip + 1] !== 'install' ||
    words.some((w) => /^(-U|--upgrade|--force-reinstall|--pre|-I|--ignore-installed)$/.test(w) || /[<>=!~]/.test(w))
  )
    return new Set();
  const out = new Set<string>();
  for (let i = pip + 2; i < words.length; i++) {
    const w = words[i]!;
    if (/^-(r|c|e|-requirement|-constraint|-editable|-index-url|-extra-index-url|-target|-prefix)$/.test(w)) i++;
    else if (!w.startsWith('-') && /^[A-Za-z][\w.-]*/.test(w) && !/[/\\]/.test(w))
      out.add(/^[A-Za-z][\w.-]*?(?=[<>=!~[;]|$)/.exec(w)![0].replace(/-/g, '_').toLowerCase());
  }
  // Every Python has these, or has them in its standard library (backports such as `dataclasses`).
  for (const preinstalled of PRESENT) out.delete(preinstalled);
  return out;
}

/** Modules an install of the same name leaves importable anyway: pip's own, and standard-library backports. */
const PRESENT = [
  'pip',
  'setuptools',
  'wheel',
  'dataclasses',
  'typing',
  'pathlib',
  'enum',
  'enum34',
  'asyncio',
  'contextvars',
  'futures',
  'argparse',
  'ipaddress',
  'selectors',
  'secrets',
  'statistics',
  'zoneinfo',
  'tomllib',
  'configparser',
  'distutils',
  'json',
  'ssl',
];
