import * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FINDINGS_SCHEMA } from './findings-schema.js';

// ajv is CommonJS: under Node's ESM loader its class is the default export's `default`.
const Ajv = AjvModule.default.default ?? AjvModule.default;

let compiled: ValidateFunction | undefined;

/** The schema problems of a parsed findings.json, at most five, each as `path: message`; empty when valid. */
export function findingsFileProblems(doc: unknown): string[] {
  const validate = (compiled ??= new Ajv({ allErrors: true, strict: false }).compile(FINDINGS_SCHEMA));
  if (validate(doc)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e: ErrorObject) =>
        `${e.instancePath || '(top level)'}: ${e.message ?? 'invalid'}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`,
    );
}
