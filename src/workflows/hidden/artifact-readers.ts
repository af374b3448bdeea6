import type { Job, Step } from '../../sources/workflow.js';
import { continueOnErrorValue } from '../../sources/workflow.js';
import type { JobFacts } from './job-facts.js';
import { cleanPath, lastMadeOf, producedPaths } from './produced.js';
import type { HiddenFailure } from './types.js';

/** What a packager or build makes, as a path or a pattern names it: wheels, sdists, archives, packages. */
const PRODUCT = /\.(whl|tar\.gz|tgz|zip|jar|deb|rpm|apk|dmg|msi|nupkg|gem|crate|so|dll|dylib|exe)$/i;

const allowedToFail = (x: Step | Job) => continueOnErrorValue(x.continueOnError) === 'true';

/**
 * A build whose products a later step uploads as an artifact, which a job that needs this one
 * downloads by name and installs or runs (bqplot: `python setup.py sdist bdist_wheel` under `bash -l
 * {0}`, `dist` uploaded, then `pip install -vv bqplot*.whl` in the visual tests): the product is
 * missing there, and that job fails the run. Where the builder writes several files in turn (the
 * sdist, then the wheel) only a reader of the last one counts. The upload and the reader's job must
 * run whenever the build does, and the reader is the last command of its step's script (which then
 * decides the step under any shell), not a print, nor masked with `||`.
 */
export function readInNeedingJob(h: HiddenFailure, facts: JobFacts): string | undefined {
  const step = h.site.step;
  if (!step || !['errexit-off', 'errexit-ignored', 'and-left', 'native', 'pipe-left'].includes(h.how)) return undefined;
  const produced = producedPaths(h.words);
  if (produced.length === 0) return undefined;
  const last = lastMadeOf(h.words) ?? PRODUCT;
  for (const up of facts.job.steps) {
    // An upload on some runs or legs only (`if: matrix.os == 'ubuntu-latest'`) answers for those alone.
    if (up.index <= step.index || !/upload-artifact@/.test(up.uses?.value ?? '') || allowedToFail(up) || up.if) continue;
    const paths = (up.with.get('path')?.value ?? '').split('\n').map((p) => cleanPath(p.trim()).replace(/\/\*+$/, ''));
    if (!paths.some((p) => produced.includes(p))) continue;
    const name = up.with.get('name')?.value ?? 'artifact';
    // A name per matrix leg (`dist-${{ matrix.os }}`) is read leg by leg, if at all.
    if (/\bmatrix\./.test(name)) continue;
    for (const other of facts.jobs) {
      // The reader job must run whenever this one does: no `if:` of its own that this one lacks.
      if (!other.needs.includes(facts.job.id) || allowedToFail(other) || (other.if && other.if.value !== facts.job.if?.value)) continue;
      const read = readerAfterDownload(other, name, last);
      if (read) return `job ${other.id} downloads artifact ${name} and \`${read}\` reads what it builds, which fails without it`;
    }
  }
  return undefined;
}

/** The word of a step after the download of `name` that names a product the pattern matches, in the download's folder. */
function readerAfterDownload(job: Job, name: string, product: RegExp): string | undefined {
  const download = job.steps.find((s) => /download-artifact@/.test(s.uses?.value ?? '') && s.with.get('name')?.value === name && !allowedToFail(s) && !s.if);
  if (!download) return undefined;
  const into = cleanPath(download.with.get('path')?.value ?? '.');
  for (const s of job.steps) {
    if (s.index <= download.index || allowedToFail(s) || !s.run || s.if) continue;
    // `working-directory: dist` then `pip install bqplot*.whl`: the words are paths from there.
    const wd = s.map.get('working-directory');
    const from = typeof wd === 'string' ? cleanPath(wd) : '';
    // Only the script's last command decides its step whatever the shell; a print reads nothing.
    const lines = s.run.value.split('\n').filter((l) => l.trim() && !/^\s*#/.test(l));
    for (const line of lines.slice(-1)) {
      if (/\|\||^\s*(echo|printf|:|true)\b/.test(line) || /\\\s*$/.test(line)) continue;
      for (const word of line.split(/[\s"'=]+/)) {
        const p = cleanPath(from && from !== '.' ? `${from}/${word}` : word);
        const rel = into === '.' || into === '' ? p : p.startsWith(`${into}/`) ? p.slice(into.length + 1) : undefined;
        if (rel && !rel.includes('/') && !rel.includes('$') && product.test(rel)) return line.trim().slice(0, 60);
      }
    }
  }
  return undefined;
}
