import type { WorkflowModel } from '../sources/workflow.js';

/**
 * The defaults of a local action's or reusable workflow's inputs that are plain text, by name: a
 * script that runs `${{ inputs.runner }} ${{ inputs.parallel }} tests/…` with `runner: { default:
 * "python -m pytest" }` runs pytest unless a caller says otherwise (modin's test actions).
 */
export function inputDefaults(model: WorkflowModel): ReadonlyMap<string, string> | undefined {
  const out = new Map<string, string>();
  for (const input of model.inputs) {
    const d = input.default?.value.trim();
    // (Not a default with quotes: its words are not the whitespace-split text.)
    if (d && !d.includes('${{') && !/["']/.test(d)) out.set(input.name, d);
  }
  return out.size ? out : undefined;
}

/** A whole word that is one input: `${{ inputs.runner }}`. */
const INPUT_WORD = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/;

/** A command whose program is an input (`${{ inputs.runner }} -n 2 tests/`), with the input's default written in. */
export function withInputDefaults(words: readonly string[], defaults: ReadonlyMap<string, string> | undefined): string[] {
  const name = defaults && INPUT_WORD.exec(words[0] ?? '')?.[1];
  const d = name ? defaults!.get(name) : undefined;
  if (!d) return [...words];
  const rest = words.slice(1).flatMap((w) => {
    const inner = INPUT_WORD.exec(w)?.[1];
    const v = inner ? defaults!.get(inner) : undefined;
    return v ? v.split(/\s+/) : [w];
  });
  return [...d.split(/\s+/), ...rest];
}
