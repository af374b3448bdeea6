import parse from 'spdx-expression-parse';

/** What a licence asks of a release: nothing special, share changes to the files, share the whole work, or not allowed to ship as open source. */
export type LicenceClass = 'permissive' | 'weak-copyleft' | 'strong-copyleft' | 'not-open-source';

const ORDER: LicenceClass[] = ['permissive', 'weak-copyleft', 'strong-copyleft', 'not-open-source'];

const NOT_OPEN =
  /^(?:LicenseRef-.*(?:EULA|proprietary|commercial|non-?free).*|CC-BY-NC.*|CC-BY-ND.*|CC-BY-NC-ND.*|CC-BY-NC-SA.*|BUSL-.*|SSPL-.*|Elastic-.*|PolyForm-.*|Commons-Clause|JSON|Hippocratic-.*|NCGL-UK-.*|NLOD-.*|TPDL)$/i;
const STRONG = /^(?:A?GPL-.*|OSL-.*|EUPL-.*|CC-BY-SA-.*|Sleepycat|RPL-.*|QPL-.*|CECILL-(?:1|2)\..*|GFDL-.*|SISSL.*|Watcom-1\.0|RPSL-1\.0)$/;
const WEAK =
  /^(?:LGPL-.*|LGPLLR|MPL-.*|EPL-.*|CDDL-.*|CPL-1\.0|MS-RL|CECILL-C|APSL-.*|ErlPL-1\.1|IPL-1\.0|SPL-1\.0|NPL-.*|OpenSSL|CPAL-1\.0|MPL-2\.0-no-copyleft-exception)$/;

function leafClass(id: string, exception?: string): LicenceClass {
  if (NOT_OPEN.test(id)) return 'not-open-source';
  if (STRONG.test(id)) return exception ? 'weak-copyleft' : 'strong-copyleft'; // a linking exception (Classpath, GCC runtime) lets users keep their code
  if (WEAK.test(id)) return id === 'OpenSSL' ? 'permissive' : 'weak-copyleft';
  return 'permissive';
}

/**
 * The class of an SPDX expression: with OR the user may pick the least demanding licence; with
 * AND every licence applies, so the most demanding one counts. Undefined for a non-expression.
 */
export function licenceClass(expr: string | undefined): LicenceClass | undefined {
  if (!expr) return undefined;
  let node: parse.Info;
  try {
    node = parse(expr);
  } catch {
    return undefined;
  }
  const walk = (n: parse.Info): number => {
    if ('conjunction' in n) {
      const l = walk(n.left);
      const r = walk(n.right);
      return n.conjunction === 'or' ? Math.min(l, r) : Math.max(l, r);
    }
    return ORDER.indexOf(leafClass(n.license, n.exception));
  };
  return ORDER[walk(node)];
}
