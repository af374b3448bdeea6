import type { Confidence } from '../core/finding.js';
import type { Scope } from './scope.js';

/** How a component came into the tree. */
export type ComponentKind = 'submodule' | 'vendored' | 'fetched';

/** One piece of evidence for a version: where it was read and what it said. */
export interface VersionEvidence {
  /** `git-describe`, `exact-tag`, `cmake-project`, `header`, `version-file`, `package.json`, `setup.py`, `Cargo.toml`, `meson`, `packed-integer`, `folder-name`, `gitmodules-branch`, `declaration`, `override`. */
  source: string;
  value: string;
  /** File (repository-relative) or command the value came from. */
  location: string;
  confidence: Confidence;
}

export interface VersionInfo {
  value?: string;
  confidence?: Confidence;
  /** Every probe that answered, best first; the first one is the chosen value. */
  evidence: VersionEvidence[];
  /** Distinct normalised values among the file probes, when they disagree. */
  conflicts: string[];
  /** Commits between the nearest tag and the pin (`git describe` distance). */
  distance?: number;
  /** The nearest tag itself, when described. */
  tag?: string;
}

export interface LicenceInfo {
  /** An SPDX expression (`MIT`, `Apache-2.0 OR MIT`) or undefined when unidentified. */
  expression?: string;
  confidence: Confidence;
  /** Files that were read, repository-relative. */
  files: string[];
  /** `spdx-tag`, `reuse`, `text-match`, `notice`, `override`, `none`. */
  method: string;
  /** Best Dice score for text matches, 0..1. */
  score?: number;
  /** Set when a person should look at it: low confidence, several candidates, no file. */
  review?: string;
}

/** A vendored component, independent of any output format. */
export interface Component {
  /** Stable key: the upstream and pin, or the first path. */
  key: string;
  name: string;
  kind: ComponentKind;
  /** Every repository-relative path where this upstream at this pin appears, sorted. */
  paths: string[];
  /** Upstream repository URL as declared, and normalised to https when possible. */
  url?: string;
  /** `owner/repo` when the upstream is on GitHub. */
  github?: string;
  /** Pinned commit for submodules. */
  commit?: string;
  /** Committer date of the pinned commit (ISO 8601), when its history is present. */
  commitDate?: string;
  /** `branch =` from .gitmodules. */
  branch?: string;
  /** Whether the files are present in the work tree (a checked-out submodule or a vendored folder). */
  present: boolean;
  /** Submodule paths this component is nested in; '' is the superproject itself. */
  parents: string[];
  version: VersionInfo;
  licence: LicenceInfo;
  /** Archive hash from a declaration (`sha256`), or the git tree id of a vendored folder. */
  hashes: { alg: 'SHA-256' | 'SHA-1'; content: string }[];
  /** Where the component was declared: `.gitmodules`, a `.wrap`, a CMakeLists.txt … with a line. */
  declaredIn?: { file: string; line: number };
  /** Patches or local changes recorded next to the copy (pedigree). */
  patches: string[];
  /** Why it was recognised as a component. */
  recognisedBy: string;
  /** Shipped with the product, only used by tests or to build, or not known. */
  scope: Scope;
  /** Every place that declares this upstream (build files, metadata, inventories), with the pin each states. */
  sites: DeclarationSite[];
  /** Set when two sites pin different code of this upstream. */
  pinConflict?: PinConflict;
}

/** One declaration of an upstream, kept as evidence when several are merged into one component. */
export interface DeclarationSite {
  file: string;
  line: number;
  /** `gitlink`, `meson-wrap`, `cmake-fetchcontent`, `bazel-dep`, `licence-inventory`, … */
  via: string;
  /** The commit, tag or version this site pins, as written. */
  pin?: string;
  scope: Scope;
}

export interface PinConflict {
  /** The distinct pins, each with the first site stating it. */
  pins: { pin: string; file: string; line: number; scope: Scope }[];
  /** Two shipped sites disagree: two builds ship different code. */
  shipped: boolean;
}

export const NO_LICENCE: LicenceInfo = { confidence: 'low', files: [], method: 'none' };
