/**
 * GitHub's workflow parser, like libyaml, accepts a flow collection in a block mapping whose lines are
 * not indented past its key (libigl's matrix: `build-params: [` and then `{static: ON, …},` at the
 * key's own indentation). YAML 1.2 and the `yaml` library refuse it ("Flow sequence in block
 * collection must be sufficiently indented"). Joined onto one line, it is the same collection and
 * valid YAML: the line breaks inside it, and any comment there, become spaces, so every offset stays.
 */
export const UNDER_INDENTED_FLOW = /^Flow (sequence|mapping) in block collection must be sufficiently indented/;

/** The text with the flow collection around `at` on one line, or undefined when none is found. */
export function joinFlowCollection(text: string, at: number): string | undefined {
  const open = openingBracket(text, at);
  if (open === undefined) return undefined;
  const close = closingBracket(text, open);
  if (close === undefined) return undefined;
  let region = '';
  let comment = false;
  let quote: string | undefined;
  for (let i = open; i <= close; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') comment = false;
    else if (!comment && quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (!comment && c === quote) quote = undefined;
    // A `#` after white space outside quotes starts a comment (`"make test #unit"` is a value).
    else if (quote === undefined && c === '#' && /\s/.test(text[i - 1] ?? '')) comment = true;
    region += c === '\n' || c === '\r' || comment ? ' ' : c;
  }
  return text.slice(0, open) + region + text.slice(close + 1);
}

/** The `[` or `{` that holds `at` at depth 0, on the way back (a bracket inside quotes is not told apart). */
function openingBracket(text: string, at: number): number | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** The bracket that closes the one at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}
