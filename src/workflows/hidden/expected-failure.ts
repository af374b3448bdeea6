/**
 * The message after `||` says the failure is the expected outcome ("… failed as expected", "Failure
 * expected: bad.mjs must be rejected", "expected to fail"), not "… which was not expected" or
 * "(expected 0 failures)".
 */
export function expectedFailure(fallback: string): boolean {
  const m = /^\s*\|\|\s*(?:echo|printf)\b([^\n]*)/.exec(fallback);
  if (!m || /\b(not|un)\s*expected|\bnot as expected/i.test(m[1]!)) return false;
  return /\b(fail\w*|error\w*|refus\w*|reject\w*)\W+as expected\b|\b(failure|error|rejection)\s+(is\s+|was\s+)?expected\b|\bexpected\s+(to\s+fail|failure|error)\b/i.test(
    m[1]!,
  );
}
