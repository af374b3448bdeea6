/**
 * The message after `||` says the failure is the expected outcome ("… failed as expected", "Failure
 * expected: bad.mjs must be rejected", "expected to fail"), not "… which was not expected" or
 * "(expected 0 failures)".
 */
export function expectedFailure(fallback: string): boolean {
  // (Past the command's own redirections and line continuations: `cmd >> /dev/null \` then `|| echo …`.)
  const rest = fallback.replace(/^(?:\s+|\\\r?\n|\d*(?:>>|>|<)&?\s*[^\s|&;]+)*/, '');
  const m = /^\|\|\s*(?:echo|printf)\b([^\n]*)/.exec(rest);
  if (!m || /\b(not|un)\s*expected|\bnot as expected|\b(no|0|zero|none of the)\s+(failures?|errors?|rejections?)\b/i.test(m[1]!)) return false;
  return /\b(fail\w*|error\w*|refus\w*|reject\w*)\W+as expected\b|\b(failures?|errors?|rejections?)\s+(is\s+|are\s+|was\s+|were\s+)?expected\b|\bexpected\s+(to\s+fail|failure|error)\b/i.test(
    m[1]!,
  );
}
