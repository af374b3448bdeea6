import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { Location } from '../core/finding.js';

export interface SchemaProblem extends Location {
  message: string;
}

/**
 * Validates a workflow against GitHub's own schema with @actions/workflow-parser. Its positions
 * are 1-based already; the "file (Line: n, Col: m): " prefix is dropped from messages.
 */
export function schemaProblems(path: string, content: string): SchemaProblem[] {
  const result = parseWorkflow({ name: path, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => {
    const r = e.range;
    const message = e.message.replace(/^.*?\(Line: \d+, Col: \d+\):\s*/, '');
    return r
      ? { message, line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column }
      : { message, line: 1, column: 1, endLine: 1, endColumn: 1 };
  });
}
