import { suggest } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { ALL_RULES, isRuleId, type RuleId } from '../rules/index.js';
import { listOpt, type ParsedArgs } from './options.js';

/** The --rule ids given, each a known rule (a typo would select nothing and pass); undefined when none. */
export function ruleIdsOpt(args: ParsedArgs, cmd: string): RuleId[] | undefined {
  const ids = listOpt(args, 'rule');
  const out: RuleId[] = [];
  for (const id of ids) {
    if (!isRuleId(id))
      throw new UsageError(
        `${cmd}: unknown rule '${id}'${suggest(
          id,
          ALL_RULES.map((r) => r.id),
        )}; 'groundwork rules' lists them`,
      );
    out.push(id);
  }
  return out.length ? out : undefined;
}
