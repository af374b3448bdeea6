import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { mergePacks } from '../../audit/merge.js';
import { parseFindingsFile, toFindingsFile } from '../../audit/findings-file.js';
import { renderReport } from '../../audit/html/report.js';
import { PACK_FILES, renderPackReadme } from '../../audit/pack-readme.js';
import { checkPackTarget, writePack } from '../../audit/pack.js';
import { atOrAbove } from '../../core/engine.js';
import { InputError, UsageError } from '../../core/errors.js';
import { ALL_RULES } from '../../rules/index.js';
import { renderSarifRuns, sarifRun } from '../../reporters/sarif.js';
import { readRegularText } from '../../services/regular-file.js';
import { VERSION } from '../../version.js';
import type { CliIO } from '../io.js';
import { FAIL_ON_OPTION, failOnOpt, stringOpt, type Command } from '../options.js';

/** A pack directory or a findings.json, with the repository name it stands for. */
function readPack(arg: string, cwd: string) {
  const abs = resolve(cwd, arg);
  if (!existsSync(abs)) throw new InputError(`${arg}: no such file or directory`);
  const file = statSync(abs).isDirectory() ? join(abs, PACK_FILES.findings) : abs;
  if (!existsSync(file)) throw new InputError(`${arg}: no ${PACK_FILES.findings} in that directory`);
  const parsed = parseFindingsFile(readRegularText(file, arg, 256 * 1024 * 1024), arg);
  const name = parsed.repository?.name && parsed.repository.name !== 'audit' ? parsed.repository.name : basename(dirname(file));
  return { name, file: parsed };
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the findings.json of several repositories (one CI job each) into one audit pack and one report.',
  usage: 'merge PACK|findings.json… --out DIR',
  options: [{ name: 'out', type: 'string', short: 'o', value: 'DIR', description: 'where to write the merged pack (required)' }, FAIL_ON_OPTION],
  async run(args, io: CliIO) {
    const out = stringOpt(args, 'out');
    if (!out) throw new UsageError('merge: --out DIR is required');
    if (args.positionals.length === 0) throw new UsageError('merge: name at least one pack directory or findings.json');
    checkPackTarget(resolve(io.cwd, out), { root: io.cwd, rootLabel: 'the current directory' });
    const packs = args.positionals.map((p) => readPack(p, io.cwd));
    const names = new Set<string>();
    for (const p of packs) {
      let n = p.name;
      for (let i = 2; names.has(n); i++) n = `${p.name}-${i}`;
      names.add(n);
      p.name = n;
    }
    const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const data = mergePacks(packs, date);
    const files = new Map<string, string>([
      [PACK_FILES.readme, renderPackReadme(data)],
      [PACK_FILES.findings, `${JSON.stringify(toFindingsFile(data), null, 2)}\n`],
      [
        PACK_FILES.sarif,
        renderSarifRuns(data.capabilities.map((c) => sarifRun({ version: VERSION, findings: c.findings, rules: ALL_RULES }, `groundwork/${c.id}/`))),
      ],
      [PACK_FILES.html, renderReport(data)],
    ]);
    writePack(resolve(io.cwd, out), files, { root: io.cwd, rootLabel: 'the current directory' });
    const all = data.capabilities.flatMap((c) => c.findings);
    io.stdout(`merged ${packs.length} packs (${[...names].join(', ')}): ${all.length} findings; report: ${out}/${PACK_FILES.html}\n`);
    return atOrAbove(all, failOnOpt(args)).length > 0 ? 1 : 0;
  },
};
