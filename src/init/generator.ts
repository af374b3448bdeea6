import type { Repository } from '../services/repository.js';

/** A file an init generator writes, relative to the repository root. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * What `groundwork init <name>` writes. A generator only computes the files (merging with what
 * exists where the format allows); the command writes them, or prints them with --dry-run, and
 * recipes turn them into changes. Nothing here touches the disk.
 */
export interface InitGenerator {
  name: string;
  summary: string;
  generate(repo: Repository): Promise<{ files: GeneratedFile[]; notes?: string[] }>;
}

/** Generators by name, loaded on demand; each capability adds its own line. */
export const INIT_GENERATORS: Record<string, () => Promise<InitGenerator>> = {
  'pre-commit': async () => (await import('../precommit/init-generator.js')).preCommitGenerator,
  actionlint: async () => (await import('../recipes/m05-actionlint.js')).actionlintGenerator,
  dependabot: async () => (await import('../pin/dependabot-init.js')).dependabotInit,
  'deps-audit': async () => (await import('../deps/init-generator.js')).depsAuditGenerator,
};
