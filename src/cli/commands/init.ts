import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { Repository } from '../../services/repository.js';
import { INIT_GENERATORS as GENERATORS } from '../../init/generator.js';
import type { CliIO } from '../io.js';
import { boolOpt, QUIET_OPTION, type Command } from '../options.js';
import { own } from '../../core/own.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Write a configuration file the program asks for: dependabot (M07), deps-audit (M09), pre-commit (M13), actionlint (M05).',
  usage: 'init <dependabot|deps-audit|pre-commit|actionlint> [DIR] [--dry-run]',
  options: [{ name: 'dry-run', type: 'boolean', short: 'n', description: 'print what would be written, write nothing' }, QUIET_OPTION],
  async run(args, io: CliIO) {
    const [name, dir = '.', ...extra] = args.positionals;
    const names = Object.keys(GENERATORS).sort();
    if (!name || !own(GENERATORS, name))
      throw new UsageError(`init: expected one of ${names.join(', ') || '(none available)'}${name ? `, got '${name}'` : ''}`);
    if (extra.length) throw new UsageError(`init: unexpected argument '${extra[0]}'`);
    const repo = Repository.open(resolve(io.cwd, dir));
    const generator = await own(GENERATORS, name)!();
    const { files, notes } = await generator.generate(repo);
    for (const f of files) {
      if (boolOpt(args, 'dry-run')) io.stdout(`--- ${f.path}\n${f.content}`);
      else {
        repo.writeAtomic(f.path, f.content);
        if (!boolOpt(args, 'quiet')) io.stderr(`wrote ${f.path}\n`);
      }
    }
    for (const n of notes ?? []) if (!boolOpt(args, 'quiet')) io.stderr(`note: ${n}\n`);
    return 0;
  },
};
