import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { falsy } from '@actions/expressions/result';
import { expressionBody } from '../matrix.js';

/**
 * What an empty value of one output does to an `if:` condition, under GitHub's own expression
 * semantics (`@actions/expressions`): `skips` when some value of the other contexts lets a non-empty
 * output run the work and an empty one skip it (`x != ''`, `x == 'true'`, a bare `x`); `runs` when
 * the empty value is what runs it (`x != 'true'`, `!x`); `both` when it depends; `neither` when the
 * output does not decide. Undefined when the condition cannot be evaluated here.
 *
 * The other contexts (`github.event_name`, `matrix.os`, another output) are unknown before the run,
 * so each takes, in turn, every literal the condition compares with, an empty string, another string
 * and both booleans. Status functions take their value on the normal path (`success()`, `always()`
 * true; `failure()`, `cancelled()` false), since a gate matters on a run that has not failed yet.
 */
export type EmptyEffect = 'skips' | 'runs' | 'both' | 'neither';

const CONTEXTS = 'github|env|inputs|steps|needs|matrix|runner|vars|secrets|job|jobs|strategy';
const PATH = new RegExp(`(?<![\\w.-])(?:${CONTEXTS})(?:\\.[\\w*-]+|\\[[^\\]'"]*\\]|\\['[^']*'\\])*`, 'g');
const STATUS: Record<string, string> = { success: 'true', always: 'true', failure: 'false', cancelled: 'false' };
const MAX_COMBINATIONS = 729;

type Value = string | boolean;

const literal = (v: Value) => (typeof v === 'boolean' ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** The code and string-literal parts of an expression, in order (`'it''s'` is one literal). */
function parts(body: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  const re = /'(?:[^']|'')*'/g;
  let at = 0;
  for (const m of body.matchAll(re)) {
    out.push({ code: true, text: body.slice(at, m.index) });
    out.push({ code: false, text: m[0] });
    at = m.index! + m[0].length;
  }
  out.push({ code: true, text: body.slice(at) });
  return out;
}

function truthy(body: string): boolean | undefined {
  try {
    const lexed = new Lexer(body).lex();
    const expr = new Parser(lexed.tokens, [], []).parse();
    return !falsy(new Evaluator(expr, new data.Dictionary()).evaluate());
  } catch {
    // `fromJSON('')` and the like fail the step, loudly: not a quiet skip.
    return undefined;
  }
}

export function emptyEffect(condition: string, ref: string): EmptyEffect | undefined {
  const body = expressionBody(condition);
  const split = parts(body);
  const literals = new Set<Value>(split.filter((p) => !p.code).map((p) => p.text.slice(1, -1).replace(/''/g, "'")));
  const paths = new Set<string>();
  for (const p of split) if (p.code) for (const m of p.text.matchAll(PATH)) paths.add(m[0]);
  if (!paths.has(ref)) return 'neither';
  paths.delete(ref);
  const others = [...paths];
  const candidates: Value[] = [...new Set<Value>([...literals, '', 'x', true, false])];
  const refValues = [...new Set<string>([...literals].filter((v): v is string => typeof v === 'string' && v !== '').concat(['true', 'x', '1']))];
  if (candidates.length ** others.length * refValues.length > MAX_COMBINATIONS) return undefined;
  if (/\bhashFiles\s*\(/.test(body)) return undefined;

  const render = (values: Map<string, Value>) =>
    split
      .map((p) =>
        p.code
          ? p.text.replace(PATH, (m) => literal(values.get(m) ?? '')).replace(/\b(success|always|failure|cancelled)\s*\(\s*\)/g, (_, f: string) => STATUS[f]!)
          : p.text,
      )
      .join('');

  let skips = false;
  let runs = false;
  const assign = (i: number, values: Map<string, Value>) => {
    if (skips && runs) return;
    if (i < others.length) {
      for (const c of candidates) assign(i + 1, new Map(values).set(others[i]!, c));
      return;
    }
    const empty = truthy(render(new Map(values).set(ref, '')));
    if (empty === undefined) return;
    for (const v of refValues) {
      const full = truthy(render(new Map(values).set(ref, v)));
      if (full === undefined) continue;
      if (full && !empty) skips = true;
      if (!full && empty) runs = true;
    }
  };
  assign(0, new Map());
  return skips && runs ? 'both' : skips ? 'skips' : runs ? 'runs' : 'neither';
}
