import type { Document } from 'yaml';
import { InputError } from '../core/errors.js';

/** Aliases a configuration or ledger may use before it counts as an alias bomb. */
const MAX_ALIASES = 100;

/**
 * A parsed document as plain data. The `yaml` library refuses to expand too many aliases with a
 * ReferenceError (a "billion laughs" document); that is the file's fault, so it becomes an
 * InputError naming the file instead of an internal error.
 */
export function yamlToJs(doc: Document.Parsed, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError) throw new InputError(`${file}: aliases expand too far: refused as a possible alias bomb (${e.message})`, file);
    throw e;
  }
}
