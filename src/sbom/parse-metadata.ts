import type { FetchDeclaration } from './fetched.js';
import { isTestPath } from './scope.js';
import { archiveRef } from './upstream-url.js';

/** Files that describe the copy they sit next to: Chromium's README.chromium, Android's METADATA, … */
export function isMetadataFile(path: string): boolean {
  return /^(?:README\.(?:chromium|thirdparty|third_party|third-party|google|vendor)|METADATA|README\.version)$/i.test(path.split('/').pop()!);
}

const UNKNOWN = /^(?:n\/?a|none|unknown|0|-|head|master|main|\?+)$/i;

function field(block: string, names: string[]): { value: string; line: number } | undefined {
  const lines = block.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    for (const n of names) {
      const m = new RegExp(`^\\s*${n}\\s*:\\s*(.+?)\\s*$`, 'i').exec(lines[i]!);
      if (m) return { value: m[1]!.replace(/^"|"$/g, ''), line: i };
    }
  }
  return undefined;
}

/**
 * Reads `Name:`, `URL:`, `Version:`, `Revision:`, `License:`, `License File:` and `Shipped:` from a
 * README.chromium-style file (several dependencies separated by divider lines), or the `name`,
 * `url`/`identifier` and `version` of an Android METADATA file. The copy is the file's folder.
 */
export function parseMetadataFile(file: string, text: string): FetchDeclaration[] {
  const folder = file.split('/').slice(0, -1).join('/');
  const out: FetchDeclaration[] = [];
  let offset = 0;
  for (const block of text.split(/^-{5,}\s*DEPENDENCY DIVIDER\s*-{5,}\s*$/im)) {
    const startLine = offset;
    offset += block.split('\n').length - 1;
    const name = field(block, ['Name', 'Short Name', 'name']);
    const urlField = field(block, ['URL', 'Upstream', 'url', 'value']);
    const url = urlField ? /(?:https?|git):\/\/[^\s"'<>)]+/.exec(urlField.value)?.[0] : undefined;
    const version = field(block, ['Version', 'version']);
    const revision = field(block, ['Revision', 'Commit']);
    const licence = field(block, ['License', 'Licence']);
    const licenceFile = field(block, ['License File', 'Licence File']);
    const shipped = field(block, ['Shipped']);
    if (!name && !url && !version) continue;
    const ref = url ? archiveRef(url) : undefined;
    const rev = revision && /^[0-9a-f]{7,40}$/i.test(revision.value) ? revision.value : ref?.commit;
    const v = version && !UNKNOWN.test(version.value) ? version.value.replace(/^v(?=\d)/, '') : undefined;
    const notShipped = shipped && /^no\b/i.test(shipped.value);
    out.push({
      name: name?.value ?? folder.split('/').pop() ?? file,
      via: 'metadata-file',
      file,
      line: startLine + (name?.line ?? urlField?.line ?? 0) + 1,
      url,
      ref: rev ?? (v && /^[0-9a-f]{40}$/i.test(v) ? v : undefined),
      version: v && !/^[0-9a-f]{40}$/i.test(v) ? v : undefined,
      patches: [],
      path: folder || undefined,
      scope: isTestPath(file) ? 'test-only' : notShipped ? 'build-only' : shipped ? 'shipped' : 'unknown',
      confidence: 'high',
      licence: licence && !UNKNOWN.test(licence.value) ? licence.value : undefined,
      licenceFile: licenceFile && !UNKNOWN.test(licenceFile.value) ? licenceFile.value.split(/\s*,\s*/)[0]!.replace(/^\/\//, '') : undefined,
    });
  }
  return out;
}
