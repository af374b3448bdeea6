/** One CMake command invocation: `name(arg …)`, with the line it starts on and its trailing comment. */
export interface CmakeCommand {
  name: string;
  args: string[];
  line: number;
  /** Comments on the lines the command spans (`GIT_TAG <sha> # v3.5.0` says which release the sha is). */
  comments: string[];
  /** Conditions of the `if()` blocks around it, outermost first. */
  conditions: string[];
  /** The function or macro it is defined in, with its parameters. */
  inFunction?: { name: string; params: string[] };
}

/**
 * Reads the commands of a CMake file. Comments (`#…` and `#[[…]]`) are not code: a commented-out
 * `FetchContent_Declare` declares nothing. Quoted and bracket arguments keep their spaces.
 */
export function cmakeCommands(text: string): CmakeCommand[] {
  const out: CmakeCommand[] = [];
  const conditions: string[] = [];
  let fn: { name: string; params: string[] } | undefined;
  let i = 0;
  let line = 1;
  const n = text.length;
  const skipSpace = (comments?: string[]) => {
    while (i < n) {
      const c = text[i]!;
      if (c === '\n') {
        line++;
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '#') {
        BRACKET_COMMENT.lastIndex = i;
        const bracket = text.charCodeAt(i + 1) === 91 ? BRACKET_COMMENT.exec(text) : null;
        if (bracket) {
          const close = text.indexOf(`]${bracket[1]}]`, i);
          const end = close < 0 ? n : close + bracket[1]!.length + 2;
          line += countLines(text, i, end);
          i = end;
        } else {
          const end = text.indexOf('\n', i);
          const stop = end < 0 ? n : end;
          comments?.push(text.slice(i + 1, stop).trim());
          i = stop;
        }
      } else break;
    }
  };
  while (i < n) {
    skipSpace();
    IDENT.lastIndex = i;
    const m = IDENT.exec(text);
    if (!m) {
      // stray text: move to the next line
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
      continue;
    }
    const name = m[0];
    const startLine = line;
    i += name.length;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '(') continue;
    i++;
    const args: string[] = [];
    const comments: string[] = [];
    let depth = 1;
    while (i < n && depth > 0) {
      skipSpace(comments);
      const c = text[i];
      if (c === undefined) break;
      if (c === ')') {
        depth--;
        i++;
        continue;
      }
      if (c === '(') {
        depth++;
        i++;
        continue;
      }
      if (c === '"') {
        let j = i + 1;
        let v = '';
        let from = j;
        while (j < n && text.charCodeAt(j) !== 34) {
          if (text.charCodeAt(j) === 92 && j + 1 < n) {
            v += text.slice(from, j) + (text.charCodeAt(j + 1) === 34 ? '"' : text.slice(j, j + 2));
            j += 2;
            from = j;
            continue;
          }
          j++;
        }
        v += text.slice(from, j);
        line += countLines(text, i, j);
        args.push(v);
        i = j + 1;
        continue;
      }
      BRACKET_ARG.lastIndex = i;
      const bracket = c === '[' ? BRACKET_ARG.exec(text) : null;
      if (bracket) {
        const close = text.indexOf(`]${bracket[1]}]`, i);
        const end = close < 0 ? n : close;
        args.push(text.slice(i + bracket[0].length, end));
        line += countLines(text, i, end);
        i = end + bracket[1]!.length + 2;
        continue;
      }
      let j = i;
      while (j < n && !endsUnquoted(text.charCodeAt(j))) j++;
      // an unquoted argument may hold ${…} with anything inside; keep it whole
      if (j === i) {
        i++;
        continue;
      }
      args.push(text.slice(i, j));
      i = j;
    }
    // the rest of the closing line can carry the comment that explains a pin
    const eol = text.indexOf('\n', i);
    const tail = text.slice(i, eol < 0 ? n : eol);
    const hash = tail.indexOf('#');
    if (hash >= 0) comments.push(tail.slice(hash + 1).trim());
    const lower = name.toLowerCase();
    if (lower === 'if') conditions.push(args.join(' '));
    else if (lower === 'elseif' || lower === 'else') {
      // the branch that is taken is unknown: an else keeps the condition it negates
      if (conditions.length)
        conditions[conditions.length - 1] =
          `${lower === 'else' ? 'NOT ' : ''}${conditions[conditions.length - 1]}${lower === 'elseif' ? ` / ${args.join(' ')}` : ''}`;
    } else if (lower === 'endif') conditions.pop();
    else if (lower === 'function' || lower === 'macro') fn = { name: args[0] ?? '', params: args.slice(1) };
    else if (lower === 'endfunction' || lower === 'endmacro') fn = undefined;
    out.push({
      name,
      args,
      line: startLine,
      comments,
      conditions: [...conditions],
      inFunction: fn && lower !== 'function' && lower !== 'macro' ? fn : undefined,
    });
  }
  return out;
}

const IDENT = /[A-Za-z_]\w{0,99}/y; // at most 100 characters, as ever
const BRACKET_COMMENT = /#\[(={0,17})\[/y;
const BRACKET_ARG = /\[(={0,18})\[/y;
const SPACE = /\s/;

/** Whitespace (as `\s`), `(`, `)`, `#` or `"`: where an unquoted argument ends. */
function endsUnquoted(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13) || code === 40 || code === 41 || code === 35 || code === 34;
  return SPACE.test(String.fromCharCode(code));
}

function countLines(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) k++;
  return k;
}
