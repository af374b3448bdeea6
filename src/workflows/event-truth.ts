import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { falsy } from '@actions/expressions/result';
import { conjuncts, expressionBody } from './matrix.js';
import type { Step } from '../sources/workflow.js';

/**
 * For an expression whose only context is `github.event_name` (`github.event_name == 'push'`,
 * `contains(fromJSON('["push","schedule"]'), github.event_name)`): the workflow's events on which it
 * is true, and those on which it is false. Undefined when it reads anything else or cannot be evaluated.
 */
export function byEvent(body: string, events: readonly string[]): { on: string[]; off: string[] } | undefined {
  const text = body.replace(/'(?:[^']|'')*'/g, "''");
  const refs = [...text.matchAll(/(?<![\w.])[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])+/g)].map((m) => m[0]);
  if (refs.length === 0 || refs.some((r) => r !== 'github.event_name')) return undefined;
  let expr: ReturnType<Parser['parse']>;
  try {
    expr = new Parser(new Lexer(body).lex().tokens, ['github'], []).parse();
  } catch {
    return undefined;
  }
  const on: string[] = [];
  const off: string[] = [];
  for (const event of events) {
    const github = new data.Dictionary();
    github.add('event_name', new data.StringData(event));
    const context = new data.Dictionary();
    context.add('github', github);
    try {
      (falsy(new Evaluator(expr, context).evaluate()) ? off : on).push(event);
    } catch {
      return undefined;
    }
  }
  return { on, off };
}

/**
 * The workflow's events on which every `if:` given may be true, judged by their conjuncts over
 * `github.event_name` alone (`env.X != 'true' && github.event_name == 'pull_request'` may be true only
 * on pull_request); other conjuncts are unknown and kept. Undefined where the events are not known,
 * or under `workflow_call`, whose caller's event the workflow sees.
 */
export function eventsWhereTrue(conditions: readonly (string | undefined)[], events: readonly string[] | undefined): string[] | undefined {
  if (!events?.length || events.includes('workflow_call')) return undefined;
  let left = [...events];
  for (const cond of conditions) {
    if (!cond) continue;
    for (const part of conjuncts(expressionBody(cond))) {
      const split = byEvent(part, events);
      if (split) left = left.filter((e) => split.on.includes(e));
    }
  }
  return left;
}

/**
 * Whether step `other` runs on every event on which step `hidden` runs, as far as their `if:`s over
 * `github.event_name` say: a test run unmasked only under `if: github.event_name == 'schedule'` does
 * not catch a masked run of it on push.
 */
export function runsWhenever(jobIf: string | undefined, hidden: Step | undefined, other: Step | undefined, events: readonly string[] | undefined): boolean {
  if (!hidden || !other || other === hidden) return true;
  const writes = eventsWhereTrue([jobIf, hidden.if?.value], events);
  if (!writes) return true;
  const both = eventsWhereTrue([other.if?.value], writes);
  return !both || both.length === writes.length;
}
