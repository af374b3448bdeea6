// The library surface: everything the CLI does is reachable from here without a subprocess.
export * from './core/finding.js';
export { applyFixes, applyTextEdits } from './core/apply-edits.js';
export { LineIndex } from './core/line-index.js';
export type { RuleMeta } from './core/rule.js';
export { Repository } from './services/repository.js';
export { loadConfig, Config } from './config/config.js';
export { render } from './reporters/index.js';
export { main } from './cli/main.js';
export { VERSION } from './version.js';
