import semver from 'semver';
import { parseLsRemote as parseRemoteRefs } from '../pin/remote-refs.js';

/** A tag on the upstream, with the commit it points at (peeled for annotated tags). */
export interface RemoteTag {
  name: string;
  commit: string;
  /** Parsed version, when the tag looks like one. */
  version?: string;
  prerelease: boolean;
}

const PRE = /(?:^|[-._\d])(rc|alpha|beta|dev|pre|preview|nightly|snapshot|a|b)[-._]?\d*$/i;

/** `v1.2.3`, `release-1.11.0`, `pybind11-2.13.6`, `1.2` → a comparable semver; undefined otherwise. */
export function tagVersion(tag: string): { version: string; prerelease: boolean } | undefined {
  const m = /^(?:[A-Za-z][\w.]*?[-_])?v?(\d+(?:\.\d+){0,3})([-.+]?[0-9A-Za-z.-]*)$/.exec(tag);
  if (!m) return undefined;
  const nums = m[1]!.split('.').map(Number);
  if (nums.length === 1 && nums[0]! > 1000) return undefined; // dates and build numbers are not releases
  while (nums.length < 3) nums.push(0);
  const suffix = m[2] ?? '';
  const prerelease = Boolean(suffix) && PRE.test(suffix);
  const core = nums.slice(0, 3).join('.');
  const v = prerelease ? `${core}-${suffix.replace(/^[-.+]/, '').replace(/[^0-9A-Za-z.-]/g, '') || 'pre'}` : core;
  return semver.valid(v) ? { version: v, prerelease } : undefined;
}

/** `git ls-remote --tags` output as upstream tags, read by pinning's parser (one parser for both). */
export function parseLsRemote(out: string): RemoteTag[] {
  return Object.values(parseRemoteRefs('', out, '').tags).map(({ name, commit }) => {
    const v = tagVersion(name);
    return { name, commit, version: v?.version, prerelease: v?.prerelease ?? false };
  });
}

/** Release tags, newest first; pre-releases only when asked. Ties keep the shorter name (v1.2 over v1.2.0). */
export function releases(tags: readonly RemoteTag[], includePrerelease = false): RemoteTag[] {
  return tags
    .filter((t) => t.version && (includePrerelease || !t.prerelease))
    .sort((a, b) => semver.rcompare(a.version!, b.version!) || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
}

/** Where the pin stands among the releases: on one, after one, or off the release line. */
export function placePin(
  commit: string | undefined,
  version: string | undefined,
  tags: readonly RemoteTag[],
  includePrerelease = false,
): { onRelease?: RemoteTag; behind: number; latest?: RemoteTag } {
  const list = releases(tags, includePrerelease);
  const latest = list[0];
  const onRelease = commit ? tags.find((t) => t.commit === commit && t.version) : undefined;
  const own = onRelease?.version ?? (version ? tagVersion(version.replace(/\+\d+$/, ''))?.version : undefined);
  const behind = own ? list.filter((t) => semver.gt(t.version!, own)).length : 0;
  return { onRelease, behind, latest };
}
