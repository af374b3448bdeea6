/**
 * The SPDX 2.3 rules the JSON schema does not express: a document namespace that is an absolute
 * URI without a fragment, unique SPDX ids, relationships that point at elements that exist.
 */
export function checkSpdxSemantics(doc: {
  documentNamespace?: unknown;
  SPDXID?: unknown;
  packages?: { SPDXID: string; downloadLocation?: string }[];
  relationships?: { spdxElementId: string; relatedSpdxElement: string }[];
}): string[] {
  const problems: string[] = [];
  const ns = typeof doc.documentNamespace === 'string' ? doc.documentNamespace : '';
  if (!ns) problems.push('documentNamespace is missing');
  else if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s#]+$/i.test(ns)) problems.push(`documentNamespace "${ns}" must be an absolute URI without "#"`);
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') problems.push('the document SPDXID must be SPDXRef-DOCUMENT');
  const ids = new Set<string>(['SPDXRef-DOCUMENT']);
  for (const p of doc.packages ?? []) {
    if (ids.has(p.SPDXID)) problems.push(`duplicate SPDXID ${p.SPDXID}`);
    ids.add(p.SPDXID);
    const d = p.downloadLocation ?? '';
    if (!(d === 'NOASSERTION' || d === 'NONE' || /^(git\+)?[a-z]+:\/\/\S+$/i.test(d)))
      problems.push(`${p.SPDXID}: downloadLocation "${d}" is not a URL, NONE or NOASSERTION`);
  }
  for (const r of doc.relationships ?? []) {
    for (const id of [r.spdxElementId, r.relatedSpdxElement]) if (!ids.has(id)) problems.push(`relationship refers to unknown element ${id}`);
  }
  if (!(doc.relationships ?? []).some((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && (r as { relationshipType?: string }).relationshipType === 'DESCRIBES'))
    problems.push('no DESCRIBES relationship from the document');
  return problems;
}
