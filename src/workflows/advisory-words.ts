/**
 * Where an author writes down that a failure may pass on purpose, as opposed to naming what is
 * tested ("Test non-blocking sockets", "advisory locks", "security advisory audit"):
 *
 * - in a step's name, as a qualifier in brackets or after a dash: "Leak check (LSan, report-only)",
 *   "Docs [non-blocking]", "Fuzz - best-effort";
 * - in a comment, as a statement about the job, step or failure: "The job is informational while …",
 *   "The advisor-coverage leg is non-blocking: …", "must not fail this matrix job", "Prevent sudden
 *   announcement of a new advisory from failing ci", or a comment that opens with the word
 *   ("# Informational (and not an ideal state)").
 */
const QUALIFIER = String.raw`(non[- ]blocking|report[- ]only|best[- ]effort|informational|advisory(?: only)?|allowed to fail)`;

const NAME_MARK = new RegExp(String.raw`[([]\s*(?:[^)\]]*?[,;]\s*)?${QUALIFIER}\s*[)\]]|[-–—:]\s*${QUALIFIER}\s*$`, 'i');

const COMMENT_MARK = new RegExp(
  [
    String.raw`\b(is|are|be|stays?|kept|remains?|as)\s+(deliberately\s+|purely\s+|only\s+)?${QUALIFIER}\b`,
    String.raw`^\s*${QUALIFIER}\s*([(:.,;–—-]|$)`,
    // A sentence that opens with the permission: "… local hardware. Allowed to fail until the upstream bug is resolved."
    String.raw`(^|[.!;]\s+)allowed to fail\b`,
    String.raw`\b(must|should|does|do|will|to)\s*(not|n't)\s+(cause\s+(a\s+)?)?fail(ure)?\b[^.]*\b(workflow|run|build|job|ci|pipeline|pr|check)s?\b`,
    // "a failure here must not fail the publish": the subject is this step's failure (not a purpose
    // clause about defects, "so broken references don't fail the deploy later").
    String.raw`\b(a failure( here)?|failures( here)?|this (job|step)|it)\s+(must|should|does|do|will)\s*(not|n't)\s+fail\s+(the\s+)?(publish|release|deploy(ment)?|step)\b`,
    String.raw`\bfrom failing\s+(the\s+)?(ci|workflow|build|run|job|pipeline|check)`,
    // "Informational coverage. Not gated": a statement that the job gates nothing.
    String.raw`(^|[.;:]\s*)(not|never|non-?)[- ]?gat(ed|ing)\b`,
    // "Never block on broken links" opening a sentence, "release shipping must not be blocked by docs …"
    // (a gate as the subject: not "Tests should never block on stdin", "must not be blocked by a hung test").
    String.raw`(^|[.!;:]\s*)never\s+block\s+on\b|\b(release|releases|shipping|merges?|prs?|pull requests?|deploy(s|ments?)?|publish(ing)?)\s+(must|should|will)\s*(not|n't)\s+be\s+blocked\b`,
  ].join('|'),
  'i',
);

/** The qualifier a step's name gives, if it declares the step allowed to fail. */
export function declaredInName(name: string | undefined): string | undefined {
  const m = name ? NAME_MARK.exec(name) : null;
  return m ? (m[1] ?? m[2])!.toLowerCase() : undefined;
}

/**
 * "Track rolling nightly for early rustc regressions without blocking PRs on upstream compiler ICEs."
 * (Not after a negation in the same sentence: "new warnings cannot land without failing CI" says the opposite.)
 */
const WITHOUT_BLOCKING = /\bwithout\s+(blocking|failing|breaking)\s+(the\s+)?(prs?|pull requests?|ci|builds?|runs?|merges?|workflows?|pipelines?|releases?)\b/i;

/** The declaring part of a comment, if it says the failure may pass on purpose. */
export function declaredInComment(comment: string | undefined): string | undefined {
  if (!comment) return undefined;
  const m = COMMENT_MARK.exec(comment);
  if (m) return comment.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).trim();
  const w = WITHOUT_BLOCKING.exec(comment);
  const sentence = w
    ? comment
        .slice(0, w.index)
        .split(/[.!?]\s/)
        .pop()!
    : '';
  if (!w || /\b(cannot|can't|can not|never|not|no|nothing)\b/i.test(sentence)) return undefined;
  return comment.slice(Math.max(0, w.index - 20), w.index + w[0].length + 20).trim();
}
