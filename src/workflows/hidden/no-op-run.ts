import { resolveCommand } from '../roles/tools.js';

/**
 * Options that make a build tool do nothing, or pass whatever happens: a dry run (`make -n`,
 * `ninja -n`, `--dry-run`, `--just-print`), a question (`make -q`), a touch (`make -t`), errors
 * ignored (`make -i`), a clean (`meson compile --clean`). Such a run answers for no earlier failure.
 * (make's and ninja's options; other tools spell `-q` and `-t` otherwise.)
 */
export function answersNothing(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r || !['make', 'gmake', 'mingw32-make', 'ninja', 'samu', 'meson'].includes(r.program)) return false;
  return r.words.some((w) => /^(-[nqti]+|--dry-run|--just-print|--recon|--question|--touch|--ignore-errors|--clean)$/.test(w));
}
