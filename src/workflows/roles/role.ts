/**
 * What a command, step or job is for. A hidden failure of a test, build, lint, verification or
 * release matters (broken code or a broken release passes CI); one of setup, upload, cache, report,
 * notification or cleanup mostly loses data or surfaces later.
 */
export type Role =
  | 'test'
  | 'build'
  | 'lint'
  | 'verify'
  | 'release'
  | 'setup'
  | 'upload'
  | 'cache'
  | 'stats'
  | 'report'
  | 'notify'
  | 'cleanup'
  | 'probe'
  | 'other';

/** Roles from the least to the most important, for "the strongest of several". */
const ORDER: Role[] = ['other', 'probe', 'report', 'cleanup', 'notify', 'stats', 'cache', 'upload', 'setup', 'verify', 'lint', 'build', 'test', 'release'];
export const rank = (r: Role) => ORDER.indexOf(r);

/** Roles whose hidden failure lets broken code or a broken release pass: the claims worth a person's time. */
export const CRITICAL_ROLES: ReadonlySet<Role> = new Set(['test', 'build', 'lint', 'verify', 'release']);

/**
 * Roles whose failure is information or housekeeping: a probe (`grep -q`, `command -v`), a log
 * dump, a cleanup. A mask on one of these is an idiom, not a finding. (Benchmarks and metrics,
 * `stats`, are not: their loss is reported, at low severity.)
 */
export const QUIET_ROLES: ReadonlySet<Role> = new Set(['probe', 'report', 'cleanup']);

export interface RoleEvidence {
  role: Role;
  /** What said so, for messages: `step name "Run tests"`, `command \`pytest\``. */
  because: string;
  /** The role came from the enclosing job, not the step itself: less certain. */
  inherited?: boolean;
}

export type Severity = 'high' | 'medium' | 'low';

/**
 * Severity of a hidden failure from the role of what is hidden: a critical role is high (medium when
 * the role is only inherited from the job's name), everything else low. An unknown role is low:
 * a claim needs a reason.
 */
export function severityOf(e: RoleEvidence): Severity {
  if (!CRITICAL_ROLES.has(e.role)) return 'low';
  return e.inherited ? 'medium' : 'high';
}

/** `(role: test, from step name "Run tests")`, or a plain statement when nothing said what it is for. */
export function roleNote(e: RoleEvidence): string {
  if (e.role === 'other') return '(role not inferred: neither its name, its action nor its commands say what it is for)';
  return `(role: ${e.role}, from ${e.because})`;
}

const RANK: Record<Role, number> = {
  release: 9,
  test: 8,
  build: 7,
  lint: 6,
  verify: 5,
  setup: 4,
  upload: 3,
  cache: 3,
  stats: 2,
  notify: 2,
  report: 1,
  cleanup: 1,
  probe: 0,
  other: 0,
};

/** The more important of two roles (critical before auxiliary), for aggregating several commands. */
export function moreImportant(a: RoleEvidence, b: RoleEvidence): RoleEvidence {
  const sa = severityOf(a);
  const sb = severityOf(b);
  if (sa !== sb) return sa === 'high' || (sa === 'medium' && sb === 'low') ? a : b;
  return RANK[b.role] > RANK[a.role] ? b : a;
}
