/** What a `uses:` value (or a template string holding one) refers to. */
export type UsesKind = 'action' | 'reusable-workflow' | 'local' | 'docker' | 'expression' | 'invalid';

export interface ParsedUses {
  kind: UsesKind;
  /** `owner/repo[/path]`, the name policies and the mapping file use. */
  action: string;
  /** `owner/repo`: the git repository that is resolved. */
  repository: string;
  ref: string;
  /** Offset of the ref inside the value (after `@`); -1 when there is none. */
  refOffset: number;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const SHORT_SHA = /^[0-9a-f]{7,39}$/;
/** Version-like tags: v4, 4.1, v4.1.1, v1.0.0-rc1, release/v1.2 … (prefix allowed as Renovate does). */
const VERSION = /^(?:[A-Za-z][\w.-]*[-/])?v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?$/;

export const isFullSha = (ref: string): boolean => FULL_SHA.test(ref);
/** Only meaningful once the name is known not to be a branch or tag (a tag may be all digits). */
export const looksLikeShortSha = (ref: string): boolean => SHORT_SHA.test(ref);
export const isVersionLike = (name: string): boolean => VERSION.test(name);

export function parseUses(value: string): ParsedUses {
  const v = value.trim();
  const none = { action: '', repository: '', ref: '', refOffset: -1 };
  if (v.startsWith('./') || v.startsWith('.\\') || v === '.') return { kind: 'local', ...none, action: v };
  if (v.startsWith('docker://')) {
    const at = v.indexOf('@', 9);
    return { kind: 'docker', action: at < 0 ? v : v.slice(0, at), repository: '', ref: at < 0 ? '' : v.slice(at + 1), refOffset: at < 0 ? -1 : at + 1 };
  }
  if (v.includes('${{') || v.includes('{{')) return { kind: 'expression', ...none, action: v };
  const at = v.indexOf('@');
  const name = at < 0 ? v : v.slice(0, at);
  const parts = name.split('/');
  if (parts.length < 2 || parts.some((p) => p === '') || at < 0 || at === v.length - 1) return { kind: 'invalid', ...none, action: name };
  const path = parts.slice(2).join('/');
  const kind = /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? 'reusable-workflow' : 'action';
  return { kind, action: name, repository: `${parts[0]}/${parts[1]}`, ref: v.slice(at + 1), refOffset: at + 1 };
}

/** The version named by a comment such as `# v4.2.2`, `# tag=v4`, `# version: 1.2`; undefined for anything else. */
export function versionFromComment(comment: string | undefined): string | undefined {
  if (!comment) return undefined;
  const m = /^#\s*(?:(?:tag|version|ver)\s*[:=]\s*)?(\S+)\s*$/.exec(comment.trim());
  return m && isVersionLike(m[1]!) ? m[1] : undefined;
}
