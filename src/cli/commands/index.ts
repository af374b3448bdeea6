import type { Command } from '../options.js';

/** Every subcommand, loaded lazily so `groundwork check` does not load the SBOM code. */
export const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  { name: 'check', summary: 'find CI steps and jobs whose failures would not fail the run (M03)', load: async () => (await import('./check.js')).checkCommand },
  { name: 'deps', summary: 'compare vendored components with upstream releases and OSV vulnerabilities (M09)', load: async () => (await import('./deps.js')).depsCommand },
  { name: 'fix', summary: 'make hidden failures loud, changing only the bytes that must change (M04)', load: async () => (await import('./fix.js')).fixCommand },
  { name: 'init', summary: 'write dependabot, deps-audit, pre-commit or actionlint configuration', load: async () => (await import('./init.js')).initCommand },
  { name: 'pin', summary: 'pin actions to verified commits with exact version comments; --check offline, --verify online (M06)', load: async () => (await import('./pin.js')).pinCommand },
  { name: 'sbom', summary: 'list vendored components with versions and licences as CycloneDX, SPDX or a table (M08)', load: async () => (await import('./sbom.js')).sbomCommand },
  { name: 'explain', summary: 'show how a failure at FILE:LINE propagates: script, step, job, run', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'rules', summary: 'list every rule with its severity, confidence and milestone', load: async () => (await import('./rules.js')).rulesCommand },
];
