import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { ALL_RULES } from '../../rules/index.js';
import { buildInventory } from '../../sbom/inventory.js';
import { DEFAULT_SBOM_PATH, DEFAULT_VERSIONS_PATH, renderSbom, SBOM_FORMATS, type SbomFormat } from '../../sbom/render.js';
import { sbomOptionsFrom } from '../../sbom/settings.js';
import { checkSpdxSemantics } from '../../sbom/spdx-check.js';
import { Repository } from '../../services/repository.js';
import { writeOutputFile } from '../output-file.js';
import type { CliIO } from '../io.js';
import { boolOpt, CONFIG_OPTION, dirArg, OUT_OPTION, QUIET_OPTION, stringOpt, type Command } from '../options.js';

export const sbomCommand: Command = {
  name: 'sbom',
  summary:
    'List every vendored component (submodules, vendored folders, fetched archives) with version, commit and licence, as CycloneDX 1.6, SPDX 2.3 or THIRD_PARTY_VERSIONS.md (M08).',
  usage: 'sbom [DIR] [--format cyclonedx|spdx|markdown] [--out FILE] [--write] [--timestamp ISO] [--serial URN]',
  options: [
    { name: 'format', type: 'string', short: 'f', value: 'FORMAT', description: 'output format (default cyclonedx)', choices: SBOM_FORMATS },
    OUT_OPTION,
    { name: 'write', type: 'boolean', short: 'w', description: `write ${DEFAULT_SBOM_PATH} and ${DEFAULT_VERSIONS_PATH} in the repository` },
    { name: 'timestamp', type: 'string', value: 'ISO', description: 'document time (default: the commit date, so output is reproducible)' },
    { name: 'serial', type: 'string', value: 'URN', description: 'CycloneDX serial number (default: derived from the inventory)' },
    CONFIG_OPTION,
    QUIET_OPTION,
  ],
  async run(args, io: CliIO) {
    const dir = resolve(io.cwd, dirArg(args, 'sbom'));
    const format = (stringOpt(args, 'format') ?? 'cyclonedx') as SbomFormat;
    const serial = stringOpt(args, 'serial');
    if (serial && !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(serial))
      throw new UsageError('sbom: --serial must be urn:uuid:<RFC 4122 UUID>');
    const timestamp = stringOpt(args, 'timestamp');
    if (timestamp && Number.isNaN(Date.parse(timestamp))) throw new UsageError(`sbom: --timestamp '${timestamp}' is not an ISO 8601 date`);
    if (boolOpt(args, 'write') && stringOpt(args, 'out')) throw new UsageError('sbom: use --write or --out, not both');
    const repo = Repository.open(dir);
    const root = repo.root;
    // The default targets are the repository's own: checked through links before anything is built.
    if (boolOpt(args, 'write')) for (const p of [DEFAULT_SBOM_PATH, DEFAULT_VERSIONS_PATH]) repo.writeTarget(p);
    const config = loadConfig(
      root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const inv = await buildInventory(root, sbomOptionsFrom(config));
    const opts = { timestamp, serialNumber: serial };
    const spdxProblems = format === 'spdx' ? checkSpdxSemantics(JSON.parse(renderSbom('spdx', inv, opts))) : [];
    // our own document breaking the SPDX rules is a bug, never the user's input
    if (spdxProblems.length) throw new Error(`generated SPDX document is invalid: ${spdxProblems.join('; ')}`);
    const quiet = boolOpt(args, 'quiet');
    const wrote = (label: string) => {
      if (!quiet) io.stderr(`wrote ${label} (${inv.components.length} components)\n`);
    };
    if (boolOpt(args, 'write')) {
      repo.writeAtomic(DEFAULT_SBOM_PATH, renderSbom(format === 'markdown' ? 'cyclonedx' : format, inv, opts));
      wrote(DEFAULT_SBOM_PATH);
      repo.writeAtomic(DEFAULT_VERSIONS_PATH, renderSbom('markdown', inv, opts));
      wrote(DEFAULT_VERSIONS_PATH);
    } else {
      const text = renderSbom(format, inv, opts);
      const out = stringOpt(args, 'out');
      if (out) {
        writeOutputFile(resolve(io.cwd, out), text);
        wrote(out);
      } else io.stdout(text);
    }
    if (!quiet) for (const n of inv.notes) io.stderr(`note: ${n}\n`);
    return 0;
  },
};
