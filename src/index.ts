// The library surface: everything the CLI does is reachable from here, as functions that return
// data; the command line (src/cli) only parses arguments, calls them and prints.
export * from './core/finding.js';
export { applyFixes, applyTextEdits } from './core/apply-edits.js';
export { LineIndex } from './core/line-index.js';
export type { RuleMeta } from './core/rule.js';
export { ALL_RULES } from './rules/index.js';
export { Repository } from './services/repository.js';
export { loadConfig, Config } from './config/config.js';
export { render } from './reporters/index.js';
export { checkWorkflows } from './workflows/check.js';
export { fixWorkflows } from './workflows/fix.js';
export { checkPins } from './pin/check.js';
export { buildInventory } from './sbom/inventory.js';
export { offlineSbomAudit } from './deps/offline.js';
export { checkImports } from './smoke/check.js';
export { programStatus, programSchedule, precommitFindings, ratchetCheck } from './program/audit-api.js';
export { runAudit } from './audit/audit.js';
export { loadRecipe, RECIPES } from './recipes/index.js';
export { recipeContext, recipeVerifier, verifyMilestone } from './recipes/context.js';
export type { Recipe, RecipeContext, FileChange, VerifyResult, Allowances } from './recipes/recipe.js';
export { INIT_GENERATORS, type InitGenerator } from './init/generator.js';
export { VERSION } from './version.js';
