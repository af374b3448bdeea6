import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { runAudit } from '../../audit/audit.js';
import { parseFindingsFile, type FindingsFile } from '../../audit/findings-file.js';
import { PACK_FILES } from '../../audit/pack-readme.js';
import { checkPackTarget, writePack } from '../../audit/pack.js';
import { loadConfig } from '../../config/config.js';
import { atOrAbove } from '../../core/engine.js';
import { InputError } from '../../core/errors.js';
import { ALL_RULES } from '../../rules/index.js';
import { gitSync, isGitWorkTree } from '../../services/git.js';
import { readRegularText } from '../../services/regular-file.js';
import { Repository } from '../../services/repository.js';
import type { CliIO } from '../io.js';
import { boolOpt, CONFIG_OPTION, dirArg, FAIL_ON_OPTION, failOnOpt, intOpt, QUIET_OPTION, stringOpt, type Command } from '../options.js';
import { progressReporter } from '../progress.js';

export const DEFAULT_PACK_DIR = 'docs/refactor/audit';

/** The earlier findings: a findings.json on disk, or the pack's findings.json at a git revision. */
function loadPrevious(since: string, repo: Repository, outDir: string, cwd: string): { label: string; previous: FindingsFile } {
  const asFile = resolve(cwd, since);
  if (existsSync(asFile)) return { label: since, previous: parseFindingsFile(readRegularText(asFile, since, 256 * 1024 * 1024), since) };
  if (!isGitWorkTree(repo.root)) throw new InputError(`--since ${since}: not a file, and ${repo.root} is not a git repository`);
  const rel = `${relative(repo.root, resolve(outDir))}/${PACK_FILES.findings}`;
  let text: string;
  try {
    text = gitSync(['show', `${since}:${rel}`], { cwd: repo.root });
  } catch {
    throw new InputError(`--since ${since}: no ${rel} at that revision (run the audit there first, or pass a findings.json)`);
  }
  return { label: since, previous: parseFindingsFile(text, `${since}:${rel}`) };
}

export const auditCommand: Command = {
  name: 'audit',
  summary:
    'Run every capability offline over a repository and write the audit pack: README.md, findings.json, findings.sarif, SBOM.cdx.json, THIRD_PARTY_VERSIONS.md and report.html.',
  usage: 'audit [DIR] [--out DIR] [--since REV|FILE] [--quiet]',
  options: [
    { name: 'out', type: 'string', short: 'o', value: 'DIR', description: `where to write the pack (default DIR/${DEFAULT_PACK_DIR})` },
    { name: 'since', type: 'string', value: 'REV|FILE', description: 'compare with the pack at a git revision, or with a findings.json' },
    { name: 'date', type: 'string', value: 'ISO', description: 'date recorded in the pack (default now, or SOURCE_DATE_EPOCH)' },
    { name: 'jobs', type: 'string', short: 'j', value: 'N', description: 'worker threads (default: one per core)' },
    { name: 'name', type: 'string', value: 'NAME', description: "repository name in the pack (default: origin's owner/repo, or the directory name)" },
    CONFIG_OPTION,
    FAIL_ON_OPTION,
    QUIET_OPTION,
  ],
  async run(args, io: CliIO) {
    const repo = Repository.open(resolve(io.cwd, dirArg(args, 'audit')));
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const explicitOut = stringOpt(args, 'out');
    const outDir = resolve(io.cwd, explicitOut ?? resolve(repo.root, config.section<{ out: string }>('audit').out ?? DEFAULT_PACK_DIR));
    // Only the user's --out may leave the repository; its own configuration may not send the pack elsewhere.
    if (!explicitOut && !repo.contains(outDir))
      throw new InputError(`audit.out in ${config.path}: ${outDir} is outside the repository; pass --out to write there`);
    checkPackTarget(outDir, { root: repo.root });
    const since = stringOpt(args, 'since');
    const previous = since ? loadPrevious(since, repo, outDir, io.cwd) : undefined;
    const epoch = io.env.SOURCE_DATE_EPOCH;
    const date =
      stringOpt(args, 'date') ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const inGit = isGitWorkTree(repo.root);
    const commit = inGit ? safeGit(repo.root, ['rev-parse', 'HEAD']) : undefined;
    const origin = inGit ? safeGit(repo.root, ['remote', 'get-url', 'origin']) : undefined;
    const name = stringOpt(args, 'name') ?? (origin ? /([^/:]+\/[^/]+?)(\.git)?$/.exec(origin)?.[1] : undefined);
    const quiet = boolOpt(args, 'quiet');
    const progress = progressReporter(io, quiet);
    const t0 = performance.now();
    const result = await runAudit({
      repo,
      config,
      date,
      commit,
      name,
      since: previous,
      jobs: intOpt(args, 'jobs'),
      env: io.env,
      onProgress: progress.onProgress,
    });
    progress.stop();
    writePack(outDir, result.files, { root: repo.root });
    const all = result.data.capabilities.flatMap((c) => c.findings);
    if (!quiet) for (const c of result.data.capabilities) if (c.status !== 'ok') io.stderr(`note: ${c.title} ${c.status}: ${c.note}\n`);
    // The summary and the report path go to stdout even with --quiet, which silences progress and notes.
    const rel = relative(io.cwd, outDir);
    const shown = rel === '' ? '.' : rel.startsWith('..') ? outDir : rel;
    io.stdout(`${all.length} findings in ${((performance.now() - t0) / 1000).toFixed(2)} s; audit pack written to ${shown}/\n`);
    if (result.comparison)
      io.stdout(
        `since ${since}: ${result.comparison.fixed.length} fixed, ${result.comparison.introduced.length} new, ${result.comparison.unchanged} unchanged\n`,
      );
    io.stdout(`report: ${shown}/${PACK_FILES.html}\n`);
    return atOrAbove(all, failOnOpt(args, config.failOn)).length > 0 ? 1 : 0;
  },
};

/** A git answer, or undefined (no commits yet, no origin). */
function safeGit(root: string, args: string[]): string | undefined {
  try {
    return gitSync(args, { cwd: root }).trim() || undefined;
  } catch {
    return undefined;
  }
}
