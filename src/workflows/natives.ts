/**
 * Native programs run by a PowerShell or cmd script, in order. Both shells fail a step only on the
 * exit code of the last native program (PowerShell: GitHub appends `exit $LASTEXITCODE`; cmd: the
 * script's ERRORLEVEL at the end), so every native program followed by another one, with no check
 * of `$LASTEXITCODE`/`$?`/`errorlevel` between them, fails unnoticed.
 */
export interface NativeCommand {
  /** Offsets in the script. */
  start: number;
  end: number;
  words: string[];
  /** Branches of `if`/`else` (and `catch`) it sits in: `if7:0` then-part of statement 7, `if7:1` its else. */
  branches: string[];
  /** A check of its exit code follows before the next native program (`if ($LASTEXITCODE -ne 0) { exit 1 }`, `|| exit /b 1`). */
  checked: boolean;
  /** It runs after a setting that makes failing natives throw (`$PSNativeCommandUseErrorActionPreference = $true`). */
  throws: boolean;
  /**
   * cmd's `a && b`: the commands of one `&&` chain share an id. When one fails, the rest of its chain
   * is skipped and the chain's ERRORLEVEL is the failure's, so only a command after the chain hides it.
   */
  andChain?: number;
  /**
   * The loop bodies it runs in, innermost last (`foreach (…) { … }`, `… | ForEach-Object { … }`, cmd's
   * `for … do`): each pass runs it again, so the next pass's native program hides a failure of every
   * pass but the last.
   */
  loops?: string[];
  /** Checked only after its loop ends: the check reads the last pass, not the ones before it. */
  lastPassChecked?: boolean;
}

export interface HiddenNative {
  command: NativeCommand;
  /** The native program that runs after it and whose code counts instead. */
  next: NativeCommand;
}

/** Whether two commands sit in different branches of the same `if`. */
export function exclusive(a: NativeCommand, b: NativeCommand): boolean {
  for (const x of a.branches) {
    const [id, arm] = x.split(':');
    if (b.branches.some((y) => y.startsWith(`${id}:`) && y !== `${id}:${arm}`)) return true;
  }
  return false;
}

/**
 * A check of the exit code (`if ($LASTEXITCODE -ne 0) { exit 1 }`) reads the last native program that
 * ran before it: the last one in the script so far and, when that sits in a branch of an `if` the check
 * is not inside, the last one of each other branch (`if (…) { e build a } else { e build b }`).
 */
export function markChecked(natives: readonly NativeCommand[], at: readonly string[], open: readonly string[] = []): void {
  const marked: NativeCommand[] = [];
  for (let i = natives.length - 1; i >= 0; i--) {
    const n = natives[i]!;
    if (marked.length && !marked.every((m) => exclusive(n, m) && !at.some((b) => sameIf(b, n, m)))) break;
    if (!n.checked) checkOne(n, open);
    marked.push(n);
  }
}

/**
 * Marks one native checked by a check standing inside the loops `open`: a check after the native's
 * own loop has ended (or outside an inner one) reads only its last pass.
 */
export function checkOne(n: NativeCommand, open: readonly string[]): void {
  n.checked = true;
  if (n.loops?.length && !open.includes(n.loops.at(-1)!)) n.lastPassChecked = true;
}

/** Whether branch `b` (of the check) is one of the arms of the `if` that sets `n` and `m` apart. */
function sameIf(b: string, n: NativeCommand, m: NativeCommand): boolean {
  const id = b.split(':')[0];
  return n.branches.some((x) => x.startsWith(`${id}:`)) && m.branches.some((x) => x.startsWith(`${id}:`));
}

/** Natives whose failure a later native hides. */
export function hiddenNatives(natives: readonly NativeCommand[]): HiddenNative[] {
  const out: HiddenNative[] = [];
  natives.forEach((n, i) => {
    if (n.throws || (n.checked && !n.lastPassChecked)) return;
    const next =
      (n.checked ? undefined : natives.slice(i + 1).find((m) => !exclusive(n, m) && (n.andChain === undefined || m.andChain !== n.andChain))) ??
      // The loop's next pass starts again with the first native of its body, whichever branch of an
      // `if` it sits in (the branches are exclusive within one pass, not across passes); possibly itself.
      (n.loops?.length ? natives.find((m) => m.loops?.includes(n.loops!.at(-1)!)) : undefined);
    if (next) out.push({ command: n, next });
  });
  return out;
}
