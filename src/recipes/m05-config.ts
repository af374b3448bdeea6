import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { InputError } from '../core/errors.js';

export const ACTIONLINT_CONFIGS = ['.github/actionlint.yaml', '.github/actionlint.yml'];

/**
 * `.github/actionlint.yaml` listing the self-hosted runner labels: a new file, or the existing one
 * with the missing labels added and everything else kept. Undefined when nothing needs listing.
 */
export function actionlintConfig(existing: string | undefined, labels: readonly string[], path: string): string | undefined {
  if (existing === undefined) {
    if (labels.length === 0) return undefined;
    return [
      '# actionlint configuration (M05), written by `groundwork init actionlint`.',
      "# The labels of this repository's self-hosted runners, found in `runs-on`: actionlint knows",
      "# GitHub's hosted images and reports any other label unless it is listed here.",
      'self-hosted-runner:',
      '  labels:',
      ...labels.map((l) => `    - ${JSON.stringify(l)}`),
      '',
    ].join('\n');
  }
  const doc = parseDocument(existing);
  if (doc.errors.length) throw new InputError(`${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); not merged`, path);
  if (doc.contents !== null && !isMap(doc.contents)) throw new InputError(`${path}: expected a mapping at the top level`, path);
  const runner = doc.get('self-hosted-runner', true) as YAMLMap | undefined;
  const list = isMap(runner) ? (runner.get('labels', true) as YAMLSeq | undefined) : undefined;
  const present = new Set(isSeq(list) ? list.items.map((i) => String((i as { value?: unknown }).value ?? i)) : []);
  const missing = labels.filter((l) => !present.has(l));
  if (missing.length === 0) return existing;
  doc.setIn(['self-hosted-runner', 'labels'], doc.createNode([...present, ...missing]));
  return doc.toString({ lineWidth: 0 });
}
