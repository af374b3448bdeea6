import { suggest } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { ALL_RULES } from '../rules/index.js';
import { listOpt, type ParsedArgs } from './options.js';

/** The --rule ids given, each a known rule (a typo would select nothing and pass); undefined when none. */
export function ruleIdsOpt(args: ParsedArgs, cmd: string): string[] | undefined {
  const ids = listOpt(args, 'rule');
  const known = ALL_RULES.map((r) => r.id);
  for (const id of ids) if (!known.includes(id)) throw new UsageError(`${cmd}: unknown rule '${id}'${suggest(id, known)}; 'groundwork rules' lists them`);
  return ids.length ? ids : undefined;
}
