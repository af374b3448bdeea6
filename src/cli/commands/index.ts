import type { Command } from '../options.js';

/** Every subcommand, loaded lazily so `groundwork check` does not load the SBOM code. */
export const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'apply',
    summary: "apply a milestone's recipe: write its deliverables, or show them as a patch (M01-M13)",
    load: async () => (await import('./apply.js')).applyCommand,
  },
  {
    name: 'audit',
    summary: 'the main job: run every capability and write the audit pack with an HTML report',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  { name: 'check', summary: 'find CI steps and jobs whose failures would not fail the run (M03)', load: async () => (await import('./check.js')).checkCommand },
  {
    name: 'check-precommit',
    summary: 'validate a .pre-commit-config.yaml more strictly than pre-commit validate-config (M13)',
    load: async () => (await import('./check-precommit.js')).checkPrecommitCommand,
  },
  {
    name: 'deps',
    summary: 'compare vendored components with upstream releases and OSV vulnerabilities (M09)',
    load: async () => (await import('./deps.js')).depsCommand,
  },
  {
    name: 'fix',
    summary: 'make hidden failures loud, changing only the bytes that must change (M04)',
    load: async () => (await import('./fix.js')).fixCommand,
  },
  { name: 'init', summary: 'write dependabot, deps-audit, pre-commit or actionlint configuration', load: async () => (await import('./init.js')).initCommand },
  {
    name: 'merge',
    summary: 'combine the audit packs of several repositories into one pack and report',
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    name: 'pin',
    summary: 'pin actions to verified commits with exact version comments; --check offline, --verify online (M06)',
    load: async () => (await import('./pin.js')).pinCommand,
  },
  {
    name: 'plan',
    summary: 'the program ledger: import, check, schedule, status, render REFACTOR.md (M02)',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'ratchet',
    summary: 'fail CI when any finding count rises above the committed baseline',
    load: async () => (await import('./ratchet.js')).ratchetCommand,
  },
  {
    name: 'sbom',
    summary: 'list vendored components with versions and licences as CycloneDX, SPDX or a table (M08)',
    load: async () => (await import('./sbom.js')).sbomCommand,
  },
  {
    name: 'smoke',
    summary: 'check every Python import statically before the build; generate the runtime import test (M01)',
    load: async () => (await import('./smoke.js')).smokeCommand,
  },
  {
    name: 'explain',
    summary: 'show how a failure at FILE:LINE propagates: script, step, job, run',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  { name: 'rules', summary: 'list every rule with its severity, confidence and milestone', load: async () => (await import('./rules.js')).rulesCommand },
  {
    name: 'verify',
    summary: "run a milestone's verification: red before its change, green after",
    load: async () => (await import('./verify.js')).verifyCommand,
  },
];
