import { actionPath, continueOnErrorValue } from '../../sources/workflow.js';
import { resolveCommand } from '../roles/tools.js';
import { folderOf } from './built-program.js';
import type { JobFacts } from './job-facts.js';
import { cleanPath, producedPaths } from './produced.js';
import type { HiddenFailure } from './types.js';

/** Folders a build writes its products to, under the project it builds: `bin/Release/`, `build/`, `dist/`, `target/`. */
const OUTPUT_DIR = /^(bin|obj|build|_build|out|dist|target|artifacts|wheelhouse)\//i;

/**
 * A later upload that fails without what a hidden build makes: `dotnet pack ICSharpCode.Decompiler`
 * hidden by pwsh, then `actions/upload-artifact` of `ICSharpCode.Decompiler\bin\Release\*.nupkg` with
 * `if-no-files-found: error`. A fresh checkout holds no build output, so the upload finds nothing and
 * fails the job. Only an upload that runs whenever the build's step does (no `if:`, or the same one)
 * and may not fail itself counts; the path must lie in an output folder of the build's project or
 * under what its output options name (`-o dist`).
 */
export function strictUpload(h: HiddenFailure, facts: JobFacts): string | undefined {
  const step = h.site.step;
  // (Cheap first: most jobs have no upload that fails on no files.)
  if (!step || !facts.job.steps.some((s) => s.index > step.index && s.with.get('if-no-files-found')?.value.trim().toLowerCase() === 'error')) return undefined;
  const folder = folderOf(h.site, h.commandRange.start, facts.fileText);
  if (folder === undefined) return undefined;
  const r = resolveCommand(h.words);
  const join = (p: string) => cleanPath([folder, cleanPath(p)].filter(Boolean).join('/'));
  // The projects it builds: its folder, and each relative path it is given (`ICSharpCode.Decompiler`,
  // `src/App/App.csproj` for `src/App`).
  const projects = [
    folder,
    ...(r?.words.slice(1) ?? []).filter((a) => !/^[-/$%]|=|:/.test(a)).map((a) => join(/\.\w+proj$|\.slnx?$/i.test(a) ? a.replace(/[/\\]?[^/\\]*$/, '') : a)),
  ];
  const outputs = producedPaths(h.words).map(join);
  for (const s of facts.job.steps) {
    if (s.index <= step.index || !/^actions\/upload-artifact$/i.test(actionPath(s.uses?.value ?? ''))) continue;
    if (s.with.get('if-no-files-found')?.value.trim().toLowerCase() !== 'error') continue;
    if ((s.if?.value.trim() ?? '') !== (step.if?.value.trim() ?? '') || continueOnErrorValue(s.continueOnError) === 'true') continue;
    for (const raw of (s.with.get('path')?.value ?? '').split('\n')) {
      const p = cleanPath(raw.trim());
      if (!p || p.startsWith('!')) continue;
      const inProject = projects.some((d) => OUTPUT_DIR.test(d ? (p.startsWith(`${d}/`) ? p.slice(d.length + 1) : '') : p));
      const inOutput = outputs.some((o) => p === o || p.startsWith(`${o}/`));
      if (inProject || inOutput)
        return `its product is uploaded at line ${facts.fileLine(s.span.start)} with \`if-no-files-found: error\` (\`${raw.trim()}\`), which fails the job without it`;
    }
  }
  return undefined;
}
