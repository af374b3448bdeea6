import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { falsy } from '@actions/expressions/result';

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
