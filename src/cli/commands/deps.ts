import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { NetworkError } from '../../core/errors.js';
import { sortFindings } from '../../core/engine.js';
import { ALL_RULES } from '../../rules/index.js';
import { runDepsAudit } from '../../deps/run.js';
import { Repository } from '../../services/repository.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { boolOpt, dirArg, REPORTING_OPTIONS, stringOpt, type Command } from '../options.js';

export const depsCommand: Command = {
  name: 'deps',
  summary:
    'Compare every vendored component with its upstream releases and with OSV vulnerability data; exit 1 on a known vulnerability or a pin older than the allowed age (M09).',
  usage: 'deps [DIR] [--osv-db DIR] [--online] [--osv-url URL] [--git-base URL] [--offline] [--max-age 730d] [--format text|json|sarif|github|markdown]',
  options: [
    ...REPORTING_OPTIONS,
    { name: 'osv-db', type: 'string', value: 'DIR', description: 'local OSV dump: all.zip files or unpacked JSON records' },
    { name: 'online', type: 'boolean', description: 'also ask the OSV query API (by commit, or by repository and tag)' },
    { name: 'osv-url', type: 'string', value: 'URL', description: 'OSV API base URL (default https://api.osv.dev)' },
    { name: 'git-base', type: 'string', value: 'URL', description: 'look up GitHub upstreams owner/repo at <URL>/owner/repo (mirrors, tests)' },
    { name: 'offline', type: 'boolean', description: 'do not run git ls-remote; only local history and the OSV dump' },
    { name: 'max-age', type: 'string', value: 'AGE', description: 'pins older than this are findings (default 730d; 18mo, 2y …)' },
    { name: 'prerelease', type: 'boolean', description: 'count pre-releases as newer releases' },
  ],
  async run(args, io: CliIO) {
    const root = Repository.open(resolve(io.cwd, dirArg(args, 'deps'))).root;
    const config = loadConfig(
      root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const osvDb = stringOpt(args, 'osv-db');
    const result = await runDepsAudit(root, config, {
      upstream: !boolOpt(args, 'offline'),
      gitBase: stringOpt(args, 'git-base') ?? config.section<{ gitBase: string }>('pin').gitBase,
      osvDb: osvDb ? resolve(io.cwd, osvDb) : undefined,
      online: boolOpt(args, 'online'),
      osvUrl: stringOpt(args, 'osv-url'),
      maxAge: stringOpt(args, 'max-age'),
      includePrerelease: boolOpt(args, 'prerelease'),
    });
    // every upstream unreachable means no release was compared: that is a network failure, not a clean audit
    if (result.upstreams && result.upstreams.asked > 0 && result.upstreams.reached === 0)
      throw new NetworkError(
        `deps: no upstream could be reached (${result.upstreams.asked} asked${result.upstreams.firstError ? `; first error: ${result.upstreams.firstError}` : ''}); use --offline to audit without them`,
      );
    const rules = ALL_RULES.filter((r) => r.capability === 'deps' || r.capability === 'sbom');
    return emitReport(
      { version: VERSION, findings: sortFindings(result.findings), rules, notes: result.notes, title: 'M09: third-party versions and vulnerabilities' },
      args,
      io,
      config.failOn,
    );
  },
};
