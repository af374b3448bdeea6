import type { RuleMeta } from '../core/rule.js';

export const sbomPinConflict: RuleMeta = {
  id: 'sbom-pin-conflict',
  summary: 'two declarations pin different code of the same upstream',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'When the Bazel build fetches one commit of a library and the CMake build another, the two builds ship different code: a fix or a vulnerability in one is not in the other, and the SBOM of one build is wrong for the other. It is low when one of the pins is only used by tests.',
    fix: 'Pin every build system to the same commit or release (one version list both read is the usual cure), or record why they differ.',
    bad: 'MODULE.bazel: bazel_dep(name = "googletest", version = "1.17.0")\nCMakeLists.txt: FetchContent_Declare(googletest URL …/v1.14.0.tar.gz)',
    good: 'MODULE.bazel: bazel_dep(name = "googletest", version = "1.17.0")\nCMakeLists.txt: FetchContent_Declare(googletest URL …/v1.17.0.tar.gz)',
  },
};
