import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { suggest } from '../config/schema.js';
import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { precommitInvalidRegex } from '../rules/precommit-invalid-regex.js';
import { precommitInvalidValue } from '../rules/precommit-invalid-value.js';
import { precommitLegacyStage } from '../rules/precommit-legacy-stage.js';
import { precommitMutableRev } from '../rules/precommit-mutable-rev.js';
import { precommitUnknownKey } from '../rules/precommit-unknown-key.js';
import { yamlSyntax } from '../rules/yaml-syntax.js';
import type { SourceFile } from '../sources/source-file.js';
import { parseYaml, spanOf } from '../sources/yaml-source.js';
import { pythonRegexError } from './python-regex.js';
import * as S from './schema.js';
import { own } from '../core/own.js';

type Report = (meta: RuleMeta, node: Node | Pair | null | undefined, message: string, severity?: Finding['severity']) => void;

/**
 * Validates a `.pre-commit-config.yaml` more strictly than `pre-commit validate-config`: unknown
 * keys at every level (hooks included, where pre-commit is silent), mutable revs, legacy stage
 * names, regexes that do not compile as Python regexes, wrong types and unknown names.
 */
export function checkPrecommitConfig(file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  const report: Report = (meta, node, message, severity) => {
    const loc = file.lines.location(spanOf(node));
    findings.push(findingAt(meta, file.path, loc, message, { severity, sourceLine: file.lines.lineText(loc.line) }));
  };
  const { doc, problems } = parseYaml(file);
  for (const p of problems) {
    const loc = file.lines.location(p.span);
    findings.push(findingAt(yamlSyntax, file.path, loc, p.message, { sourceLine: file.lines.lineText(loc.line) }));
  }
  if (problems.length) return findings;
  const root = doc.contents;
  if (!isMap(root)) {
    report(precommitInvalidValue, root as Node, 'the configuration must be a mapping with a `repos:` list');
    return findings;
  }
  unknownKeys(root, S.ROOT_KEYS, 'top-level', report);
  const repos = root.get('repos', true);
  if (!repos) report(precommitInvalidValue, root, 'missing required key `repos`');
  else if (!isSeq(repos)) report(precommitInvalidValue, repos as Node, '`repos` must be a list');
  else for (const repo of repos.items) checkRepo(repo as Node, report);
  for (const key of ['files', 'exclude']) regexAt(root, key, 'top-level', report);
  stagesAt(root, 'default_stages', 'top-level', report);
  const ci = root.get('ci', true);
  if (ci !== undefined) checkCi(ci as Node, hookIds(repos), report);
  return findings;
}

function checkRepo(node: Node, report: Report): void {
  if (!isMap(node)) return report(precommitInvalidValue, node, 'each entry of `repos` must be a mapping with `repo` and `hooks`');
  unknownKeys(node, S.REPO_KEYS, 'repo', report);
  const url = scalar(node, 'repo');
  if (url === undefined) report(precommitInvalidValue, node, 'repo entry without `repo:`');
  const special = url === 'local' || url === 'meta';
  const revNode = node.get('rev', true) as Node | undefined;
  const rev = scalar(node, 'rev');
  if (url === 'builtin' && rev === undefined)
    report(precommitInvalidValue, node, "repo 'builtin' is a prek extension: pre-commit itself rejects this entry (no `rev`)", 'low');
  else if (!special && rev === undefined) report(precommitInvalidValue, node, `repo ${url ?? ''} has no \`rev\`: pre-commit refuses it`);
  if (special && revNode) report(precommitInvalidValue, revNode, `\`rev\` is not allowed for repo: ${url}`);
  if (!special && rev !== undefined) checkRev(url ?? '', rev, revNode!, report);
  const hooks = node.get('hooks', true);
  if (!isSeq(hooks)) return report(precommitInvalidValue, (hooks as Node) ?? node, `repo ${url ?? ''} needs a \`hooks:\` list`);
  for (const hook of hooks.items) checkHook(hook as Node, url ?? '', report);
}

function checkRev(url: string, rev: string, node: Node, report: Report): void {
  if (/^[0-9a-f]{40}$/i.test(rev)) return;
  if (/^[0-9a-f]+$/i.test(rev))
    return report(precommitMutableRev, node, `rev ${rev} of ${url} is an abbreviated SHA: it can become ambiguous; use all 40 hex digits`, 'low');
  if (!rev.includes('.'))
    return report(
      precommitMutableRev,
      node,
      `rev ${rev} of ${url} is a branch or moving tag: pre-commit never updates it after install and every clone may run different code; freeze it to a commit SHA`,
    );
  report(
    precommitMutableRev,
    node,
    `rev ${rev} of ${url} is a tag, which can be moved or deleted; \`pre-commit autoupdate --freeze\` pins the commit with the tag as a comment`,
    'low',
  );
}

function checkHook(node: Node, url: string, report: Report): void {
  if (!isMap(node)) return report(precommitInvalidValue, node, 'each hook must be a mapping with an `id`');
  const id = scalar(node, 'id');
  unknownKeys(node, S.HOOK_KEYS, `hook ${id ?? ''}`, report);
  if (id === undefined) report(precommitInvalidValue, node, 'hook without `id`');
  if (url === 'local') for (const k of S.LOCAL_REQUIRED) if (!node.has(k)) report(precommitInvalidValue, node, `local hook ${id ?? ''} needs \`${k}\``);
  if (url === 'meta') {
    if (id && !S.META_HOOK_IDS.includes(id))
      report(precommitInvalidValue, node.get('id', true) as Node, `unknown meta hook '${id}'; one of ${S.META_HOOK_IDS.join(', ')}`);
    if (node.has('entry')) report(precommitInvalidValue, node.get('entry', true) as Node, 'meta hooks may not set `entry`');
  }
  const lang = scalar(node, 'language');
  if (lang !== undefined && !S.LANGUAGES.includes(lang) && !S.LEGACY_LANGUAGES.includes(lang)) {
    report(precommitInvalidValue, node.get('language', true) as Node, `unknown language '${lang}'${suggest(lang, [...S.LANGUAGES, ...S.LEGACY_LANGUAGES])}`);
  }
  for (const k of S.BOOLEAN_HOOK_KEYS) {
    const v = node.get(k, true);
    if (v !== undefined && !(isScalar(v) && typeof v.value === 'boolean'))
      report(precommitInvalidValue, v as Node, `\`${k}\` of hook ${id ?? ''} must be true or false`);
  }
  for (const k of S.LIST_HOOK_KEYS) {
    const v = node.get(k, true);
    if (v !== undefined && !(isSeq(v) && v.items.every((i) => isScalar(i) && typeof i.value === 'string')))
      report(precommitInvalidValue, v as Node, `\`${k}\` of hook ${id ?? ''} must be a list of strings`);
  }
  for (const key of ['files', 'exclude']) regexAt(node, key, `hook ${id ?? ''}`, report);
  stagesAt(node, 'stages', `hook ${id ?? ''}`, report);
}

function checkCi(node: Node, ids: Set<string>, report: Report): void {
  if (!isMap(node)) return report(precommitInvalidValue, node, '`ci` must be a mapping');
  unknownKeys(node, S.CI_KEYS, 'ci', report);
  const schedule = scalar(node, 'autoupdate_schedule');
  if (schedule !== undefined && !S.CI_SCHEDULES.includes(schedule))
    report(
      precommitInvalidValue,
      node.get('autoupdate_schedule', true) as Node,
      `autoupdate_schedule '${schedule}' is not one of ${S.CI_SCHEDULES.join(', ')}`,
    );
  const skip = node.get('skip', true);
  if (isSeq(skip)) {
    for (const item of skip.items) {
      const v = isScalar(item) ? String(item.value) : undefined;
      if (v !== undefined && !ids.has(v))
        report(precommitInvalidValue, item as Node, `ci.skip names '${v}', which is no hook id of this configuration${suggest(v, [...ids])}`);
    }
  }
}

function unknownKeys(map: YAMLMap, known: string[], where: string, report: Report): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined && !known.includes(key))
      report(
        precommitUnknownKey,
        pair.key as Node,
        `unknown ${where} key '${key}'${suggest(key, known)}${where.startsWith('hook') ? ': pre-commit ignores it silently' : ''}`,
      );
  }
}

function regexAt(map: YAMLMap, key: string, where: string, report: Report): void {
  const node = map.get(key, true);
  if (node === undefined) return;
  if (!isScalar(node) || typeof node.value !== 'string') return report(precommitInvalidValue, node as Node, `${where} \`${key}\` must be a regex string`);
  const error = pythonRegexError(node.value);
  if (error) report(precommitInvalidRegex, node, `${where} \`${key}\` is not a valid regex: ${error}`);
}

function stagesAt(map: YAMLMap, key: string, where: string, report: Report): void {
  const node = map.get(key, true);
  if (!isSeq(node)) return;
  for (const item of node.items) {
    const stage = isScalar(item) ? String(item.value) : '';
    if (own(S.LEGACY_STAGES, stage))
      report(precommitLegacyStage, item as Node, `${where} stage '${stage}' is a legacy name: use '${own(S.LEGACY_STAGES, stage)}'`);
    else if (!S.STAGES.includes(stage)) report(precommitInvalidValue, item as Node, `${where} stage '${stage}' is unknown${suggest(stage, S.STAGES)}`);
  }
}

function scalar(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true);
  return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

function hookIds(repos: unknown): Set<string> {
  const ids = new Set<string>();
  if (!isSeq(repos)) return ids;
  for (const r of repos.items) {
    const hooks = isMap(r) ? r.get('hooks', true) : undefined;
    if (!isSeq(hooks)) continue;
    for (const h of hooks.items) {
      if (!isMap(h)) continue;
      const id = scalar(h, 'id');
      const alias = scalar(h, 'alias');
      if (id) ids.add(id);
      if (alias) ids.add(alias);
    }
  }
  return ids;
}
