import { UsageError } from '../core/errors.js';
import type { Config } from '../config/config.js';

export type PolicyKind = 'hash-pin' | 'ref-pin' | 'allow';

export interface PinPolicy {
  pattern: string;
  policy: PolicyKind;
  reason: string;
  /** For `hash-pin`: what a branch ref matching this pattern gets (overrides `pin.branches`). */
  branches?: 'refuse' | 'pin';
}

export interface PolicyMatch {
  policy: PolicyKind;
  /** The configured entry, absent for the default. */
  rule?: PinPolicy;
}

// In a pattern `*` crosses `/` so `pytorch/test-infra/*@main` covers every reusable workflow and
// action of that repository; a pattern without `@` matches any ref.
function toRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The `pin.policies` of groundwork.yml, first match wins; `hash-pin` when none matches. */
export class PolicySet {
  private readonly compiled: { rule: PinPolicy; re: RegExp; withRef: boolean }[];

  constructor(readonly rules: readonly PinPolicy[]) {
    for (const r of rules) if (!r.reason?.trim()) throw new UsageError(`pin policy '${r.pattern}' needs a reason`);
    this.compiled = rules.map((rule) => ({ rule, re: toRegExp(rule.pattern), withRef: rule.pattern.includes('@') }));
  }

  static fromConfig(config: Config): PolicySet {
    return new PolicySet(config.section<{ policies: PinPolicy[] }>('pin').policies ?? []);
  }

  match(action: string, ref: string): PolicyMatch {
    for (const c of this.compiled) {
      if (c.re.test(c.withRef ? `${action}@${ref}` : action)) return { policy: c.rule.policy, rule: c.rule };
    }
    return { policy: 'hash-pin' };
  }
}
