import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { checkPins, type PinCounts } from '../../pin/check.js';
import { parseDuration } from '../../pin/duration.js';
import { DEFAULT_MAP_PATH, readMapping, renderMapping } from '../../pin/mapping.js';
import { pinRepository } from '../../pin/pin.js';
import { moveLine } from '../../pin/update-summary.js';
import { pinSetup } from '../../pin/pin-setup.js';
import { GithubReleaseDates } from '../../pin/release-dates.js';
import { verifyPins } from '../../pin/verify.js';
import { ALL_RULES } from '../../rules/index.js';
import { Repository } from '../../services/repository.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import { unifiedPatch } from '../patch.js';
import type { CliIO } from '../io.js';
import { boolOpt, dirArg, listOpt, REPORTING_OPTIONS, stringOpt, type Command, type ParsedArgs } from '../options.js';

interface PinSection {
  gitBase: string;
  cacheTtl: string;
  branches: 'refuse' | 'pin';
}

function count(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const v = stringOpt(args, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`pin: --${name} must be a whole number ≥ ${min} (got '${v}')`);
  return Number(v);
}

function summary(c: PinCounts): string {
  return `${c.references} uses: references, ${c.external} external: ${c.pinned} pinned to a commit, ${c.unpinned} unpinned, ${c.allowed} allowed by policy; ${c.local} local; ${c.docker} docker (${c.dockerPinned} with a digest)`;
}

export const pinCommand: Command = {
  name: 'pin',
  summary:
    'Pin every external action and reusable workflow to a verified commit with an exact version comment (M06); --check offline, --verify online, --update to move pins.',
  usage: 'pin [DIR] [--check | --verify | --update [--within-major] [--min-age 7d]] [--dry-run] [--map] [--git-base URL|OWNER=URL]…',
  options: [
    { name: 'check', type: 'boolean', description: 'offline: report references that are not a full SHA with a version comment (no network)' },
    {
      name: 'verify',
      type: 'boolean',
      description: 'online: resolve again and report moved tags, tag-object SHAs, impostor and stale commits, wrong comments',
    },
    { name: 'update', type: 'boolean', description: 'move pins to the newest release tag' },
    { name: 'within-major', type: 'boolean', description: 'with --update: stay on the current major version' },
    { name: 'min-age', type: 'string', value: 'DUR', description: 'with --update: skip releases younger than DUR (cooldown), e.g. 7d' },
    {
      name: 'api-base',
      type: 'string',
      value: 'URL',
      description: 'with --min-age: release dates from the GitHub REST API at URL (https://api.github.com); token from GITHUB_TOKEN or GH_TOKEN',
    },
    { name: 'dry-run', type: 'boolean', short: 'n', description: 'print the diff, write nothing (exit 1 when something would change)' },
    { name: 'map', type: 'boolean', description: `write the mapping file ${DEFAULT_MAP_PATH}` },
    { name: 'map-file', type: 'string', value: 'FILE', description: 'write the mapping file here instead (implies --map)' },
    {
      name: 'git-base',
      type: 'string',
      multiple: true,
      value: 'URL',
      description: 'where owner/repo is fetched: URL (default https://github.com) or OWNER=URL (repeatable)',
    },
    {
      name: 'branches',
      type: 'string',
      value: 'MODE',
      description: 'a branch ref: refuse (default) or pin its head with a warning',
      choices: ['refuse', 'pin'],
    },
    {
      name: 'cache-dir',
      type: 'string',
      value: 'DIR',
      description: 'cache directory (default $GROUNDWORK_CACHE_DIR, $XDG_CACHE_HOME/groundwork, ~/.cache/groundwork)',
    },
    {
      name: 'cache-ttl',
      type: 'string',
      value: 'DUR',
      description: 'reuse listed refs for DUR (default 1h; 0 disables; --verify and --update always list afresh)',
    },
    { name: 'jobs', type: 'string', short: 'j', value: 'N', description: 'repositories resolved in parallel (default 8)' },
    { name: 'timeout', type: 'string', value: 'SEC', description: 'time-out of one git call (default 30)' },
    { name: 'retries', type: 'string', value: 'N', description: 'extra attempts after a transient failure (default 2)' },
    ...REPORTING_OPTIONS,
  ],
  async run(args, io: CliIO) {
    const repo = Repository.open(resolve(io.cwd, dirArg(args, 'pin')));
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const section = config.section<PinSection>('pin');
    const modes = ['check', 'verify', 'update'].filter((m) => boolOpt(args, m));
    if (modes.length > 1) throw new UsageError(`pin: --${modes.join(' and --')} cannot be combined`);
    if ((boolOpt(args, 'within-major') || stringOpt(args, 'min-age')) && !boolOpt(args, 'update'))
      throw new UsageError('pin: --within-major and --min-age need --update');
    const quiet = boolOpt(args, 'quiet');
    const title = 'M06: action pins';

    if (boolOpt(args, 'check')) {
      const result = checkPins(repo, config);
      return emitReport({ version: VERSION, findings: result.findings, rules: ALL_RULES, title, notes: [summary(result.counts)] }, args, io, config.failOn);
    }

    const verify = boolOpt(args, 'verify');
    const cacheTtl = stringOpt(args, 'cache-ttl');
    const { resolver, history, timeoutMs } = pinSetup(config, io.env, {
      gitBases: listOpt(args, 'git-base'),
      cacheDir: stringOpt(args, 'cache-dir') ? resolve(io.cwd, stringOpt(args, 'cache-dir')!) : undefined,
      // --verify exists to see the remote as it is now, and --update to move to what was released
      // since: neither trusts a cached listing.
      ttlMs: verify || boolOpt(args, 'update') ? 0 : cacheTtl !== undefined ? parseDuration(cacheTtl, '--cache-ttl') : undefined,
      timeoutMs: count(args, 'timeout', 30, 1) * 1000,
      retries: count(args, 'retries', 2),
    });
    const jobs = count(args, 'jobs', 8, 1);
    const mapPath = stringOpt(args, 'map-file') ?? (boolOpt(args, 'map') ? DEFAULT_MAP_PATH : undefined);
    if (mapPath && !repo.contains(resolve(repo.abs(mapPath)))) throw new UsageError(`pin: the mapping file must be inside the repository (got '${mapPath}')`);
    if (mapPath) repo.writeTarget(mapPath); // refused now, before any workflow is rewritten
    // --verify reads the committed mapping even without --map: a tag it recorded on the pinned commit has certainly moved.
    const previous = mapPath ? readMapping(repo, mapPath) : verify ? readMapping(repo, DEFAULT_MAP_PATH) : undefined;

    if (verify) {
      const result = await verifyPins({ repo, config, resolver, history, previous, jobs });
      return emitReport(
        { version: VERSION, findings: result.findings, rules: ALL_RULES, title: `${title} (verified online)`, notes: [summary(result.counts)] },
        args,
        io,
        config.failOn,
      );
    }

    const dryRun = boolOpt(args, 'dry-run');
    const update = boolOpt(args, 'update')
      ? { withinMajor: boolOpt(args, 'within-major'), minAgeMs: parseDuration(stringOpt(args, 'min-age') ?? '0', '--min-age') }
      : undefined;
    const apiBase = stringOpt(args, 'api-base');
    if (apiBase && !/^https?:\/\//.test(apiBase)) throw new UsageError(`pin: --api-base must be an http(s) URL (got '${apiBase}')`);
    const releaseDates = apiBase ? new GithubReleaseDates({ apiBase, token: io.env.GITHUB_TOKEN || io.env.GH_TOKEN || undefined, timeoutMs }) : undefined;
    const result = await pinRepository({
      repo,
      config,
      resolver,
      history,
      releaseDates,
      branches: (stringOpt(args, 'branches') as PinSection['branches'] | undefined) ?? section.branches ?? 'refuse',
      update,
      previous,
      dryRun,
      jobs,
    });
    if (mapPath) {
      const text = renderMapping(result.entries);
      if (dryRun) io.stdout(`--- ${mapPath}\n${text}`);
      else repo.writeAtomic(mapPath, text);
    }
    if (dryRun) for (const c of result.changes) io.stdout(unifiedPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.after, 1));
    if (!quiet) {
      const s = result.stats;
      io.stderr(
        `${dryRun ? 'would rewrite' : 'rewrote'} ${s.rewritten} ref/comment span(s) in ${result.changes.length} file(s); ${s.repositories} action repositories, ${s.lsRemoteCalls} ls-remote call(s)${mapPath && !dryRun ? `; wrote ${mapPath}` : ''}\n${summary(result.counts)}\n`,
      );
      if (update) io.stderr(result.moves.length ? `${result.moves.map(moveLine).join('\n')}\n` : 'every pin is already on the newest release allowed\n');
    }
    const code = emitReport({ version: VERSION, findings: result.findings, rules: ALL_RULES, title, notes: [summary(result.counts)] }, args, io, config.failOn);
    return dryRun && result.changes.length > 0 ? 1 : code;
  },
};
