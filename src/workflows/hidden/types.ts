import type { Confidence } from '../../core/finding.js';
import type { ParsedScript, ScriptNode } from '../../sources/shell-script.js';
import type { ScriptSite } from '../analysis.js';
import type { FateEngine, HideKind } from '../bash/fate.js';
import type { NestedScript } from '../bash/nested.js';
import type { ValueFate } from '../bash/values.js';
import type { NativeCommand } from '../natives.js';
import type { RoleEvidence, Severity } from '../roles/role.js';
import type { PublishedStatus } from './unread-status.js';

/** A script as parsed: the step's own, or one nested in it (`bash -c "…"`), with its way back to the step's text. */
export interface ScriptView {
  parsed: ParsedScript;
  fates: FateEngine;
  /** Offset in the step's script (`site.value`) of an offset in this script. */
  toSite(offset: number): number;
  nested?: NestedScript;
  /** For a nested script: the offset in the step's script of an offset in the script around it (where `nested.host` is). */
  hostToSite?(offset: number): number;
  /** `bash -c` inside …, for messages; undefined for the step's own script. */
  label?: string;
}

/** A PowerShell script run from bash (`powershell -Command "…"`). */
export interface NestedPwsh {
  view: ScriptView;
  host: ScriptNode;
  text: string;
  offsets: number[];
  edition: 'pwsh' | 'powershell';
}

/** `native`: a pwsh/cmd native command; `swallowed-verdict`: `check && (echo; exit 1) || echo ok`. */
export type HiddenHow = HideKind | 'native' | 'swallowed-verdict';

/** One command whose failure does not fail the step, or does only by luck. */
export interface HiddenFailure {
  site: ScriptSite;
  /** The command as words (`pytest -x tests/`). */
  words: string[];
  /** Display text of the command. */
  text: string;
  how: HiddenHow;
  /** Where, in the step's script, the command and its mask are: offsets into `site.value`. */
  commandRange: { start: number; end: number };
  maskRange: { start: number; end: number };
  /** Identity of the mask (one finding per `||` list, pipe, `set +e`, shell line). */
  maskKey: string;
  /** For bash: the command node, the node of its mask (the `||` list, the pipe, the `set +e`), and its script. */
  node?: ScriptNode;
  mask?: ScriptNode;
  view?: ScriptView;
  /** For PowerShell and cmd: the native program, and the one whose code counts instead. */
  native?: NativeCommand;
  nextNative?: NativeCommand;
  /** What the command is for. */
  role: RoleEvidence;
  /** The command is one the tool table knows (else the step's role stands in for it). */
  known: boolean;
  /** Why it is not a hidden failure after all (then it is reported at most as info, or not at all). */
  handled?: string;
  /** Where it surfaces after all, which makes it low (the same command runs again unmasked). */
  caught?: string;
  /** The statement that saved its status (`exit_code=${PIPESTATUS[0]}`), when nothing after fails the script on it. */
  unusedSave?: string;
  /** Why it matters more than its role says: a check that passes on its empty output. */
  escalation?: string;
  value?: ValueFate;
  /** For `unread-status`: the write that hands the saved status to later steps. */
  published?: PublishedStatus;
  severity: Severity;
  confidence: Confidence;
  /** The mask was written on purpose (`|| true`, `set +e`) rather than a shell default (no pipefail). */
  deliberate: boolean;
}
