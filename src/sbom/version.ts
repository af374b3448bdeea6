import type { Confidence } from '../core/finding.js';
import type { VersionEvidence, VersionInfo } from './model.js';
import { cleanVersion } from './version-probes.js';

/** What `git describe --tags <pin>` said, when the pinned commit's history is present. */
export interface Described {
  tag: string;
  distance: number;
  command: string;
}

/** Parses `v2.2.4-1-ga23996fce` (or a bare tag for an exact match). */
export function parseDescribe(out: string, command: string): Described | undefined {
  const line = out.trim();
  if (!line) return undefined;
  const m = /^(.*)-(\d+)-g[0-9a-f]+$/.exec(line);
  return m ? { tag: m[1]!, distance: Number(m[2]), command } : { tag: line, distance: 0, command };
}

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * Chooses a version in order of trust: the described tag of the pin, an exact upstream tag, file
 * probes, the declaration, the folder name, the `.gitmodules` branch. Every answer is kept as
 * evidence, and distinct file-probe values are reported as a conflict instead of being hidden.
 */
export function resolveVersion(input: {
  described?: Described;
  exactTag?: { tag: string; location: string };
  probes: VersionEvidence[];
  declared?: { value: string; location: string };
  folderName?: string;
  folderPath?: string;
  branch?: { value: string; location: string };
  override?: string;
}): VersionInfo {
  const evidence: VersionEvidence[] = [];
  if (input.override) evidence.push({ source: 'override', value: input.override, location: 'overrides', confidence: 'high' });
  const d = input.described;
  if (d && d.distance === 0) evidence.push({ source: 'exact-tag', value: d.tag, location: d.command, confidence: 'high' });
  else if (d) evidence.push({ source: 'git-describe', value: `${d.tag}+${d.distance}`, location: d.command, confidence: 'high' });
  if (input.exactTag && !(d && d.distance === 0))
    evidence.push({ source: 'exact-tag', value: input.exactTag.tag, location: input.exactTag.location, confidence: 'high' });
  const probes = [...input.probes].sort((a, b) => RANK[b.confidence] - RANK[a.confidence]);
  // a release number someone put in the folder name (miniz-3.0.2) is a deliberate label: it ranks
  // below a project's own version file but above header macros of uncertain meaning
  const fromFolder = input.folderName ? folderVersion(input.folderName) : undefined;
  evidence.push(...probes.filter((p) => p.confidence === 'high'));
  if (input.declared) evidence.push({ source: 'declaration', value: input.declared.value, location: input.declared.location, confidence: 'high' });
  if (fromFolder) evidence.push({ source: 'folder-name', value: fromFolder, location: input.folderPath ?? input.folderName!, confidence: 'medium' });
  evidence.push(...probes.filter((p) => p.confidence !== 'high'));
  const branch = input.branch && cleanVersion(input.branch.value) && /\d+\.\d+/.test(input.branch.value) ? input.branch : undefined;
  if (branch) evidence.push({ source: 'gitmodules-branch', value: branch.value, location: branch.location, confidence: 'low' });

  // the folder name is a probe too: miniz-3.0.2 holding a header that says 11.0.2 is a conflict
  const byNormal = new Map<string, string>();
  for (const p of [...probes, ...(fromFolder ? [{ value: fromFolder }] : [])])
    if (!byNormal.has(normal(p.value))) byNormal.set(normal(p.value), cleanVersion(p.value) ?? p.value);
  // 24.3 and 24.3.25 say the same thing at two precisions
  const keys = [...byNormal.keys()];
  const distinct = keys.filter((k) => !keys.some((o) => o !== k && o.startsWith(`${k}.`)));
  const conflicts = distinct.length > 1 ? [...byNormal.entries()].map(([, v]) => v) : [];
  const chosen = evidence[0];
  if (!chosen) return { evidence, conflicts };
  // A file probe that disagrees with its siblings is less sure than it looks.
  const confidence: Confidence =
    !d && !input.override && !input.exactTag && conflicts.length && (probes.includes(chosen) || chosen.source === 'folder-name') ? 'low' : chosen.confidence;
  return {
    value: displayVersion(chosen),
    confidence,
    evidence,
    conflicts,
    ...(d ? { distance: d.distance, tag: d.tag } : input.exactTag ? { distance: 0, tag: input.exactTag.tag } : {}),
  };
}

function displayVersion(e: VersionEvidence): string {
  if (e.source === 'git-describe' || e.source === 'exact-tag' || e.source === 'override') return e.value;
  return cleanVersion(e.value) ?? e.value;
}

/** `miniz-3.0.2` → `3.0.2`; a bare name gives nothing. */
export function folderVersion(name: string): string | undefined {
  const m = /[-_ ]v?(\d+(?:\.\d+){1,3})$/.exec(name);
  return m ? m[1] : undefined;
}

function normal(v: string): string {
  return (cleanVersion(v) ?? v).replace(/(\.0)+$/, '');
}
