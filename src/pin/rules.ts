import type { RuleMeta } from '../core/rule.js';
import { ambiguousRef } from '../rules/ambiguous-ref.js';
import { branchRef } from '../rules/branch-ref.js';
import { impostorCommit } from '../rules/impostor-commit.js';
import { missingVersionComment } from '../rules/missing-version-comment.js';
import { refVersionMismatch } from '../rules/ref-version-mismatch.js';
import { shortSha } from '../rules/short-sha.js';
import { stalePin } from '../rules/stale-pin.js';
import { tagMoved } from '../rules/tag-moved.js';
import { tagObjectPin } from '../rules/tag-object-pin.js';
import { templatePinDrift } from '../rules/template-pin-drift.js';
import { unpinnedAction } from '../rules/unpinned-action.js';
import { unpinnedImage } from '../rules/unpinned-image.js';
import { unresolvedRef } from '../rules/unresolved-ref.js';

/** The pinning capability's rules (M06), sorted by id. */
export const PIN_RULES: readonly RuleMeta[] = [
  ambiguousRef,
  branchRef,
  impostorCommit,
  missingVersionComment,
  refVersionMismatch,
  shortSha,
  stalePin,
  tagMoved,
  tagObjectPin,
  templatePinDrift,
  unpinnedAction,
  unpinnedImage,
  unresolvedRef,
];
