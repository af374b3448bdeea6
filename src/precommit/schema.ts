/**
 * pre-commit's configuration schema (clientlib.py, pre-commit 4.x), as key sets and names. pre-commit
 * itself warns on unknown root and repo keys and ignores unknown hook keys; groundwork reports all.
 */
export const ROOT_KEYS = [
  'repos',
  'default_install_hook_types',
  'default_language_version',
  'default_stages',
  'files',
  'exclude',
  'fail_fast',
  'minimum_pre_commit_version',
  'ci',
];
export const REPO_KEYS = ['repo', 'rev', 'hooks'];

/** Every key a hook definition (`.pre-commit-hooks.yaml`) may have; a config hook may override any. */
export const HOOK_KEYS = [
  'id',
  'name',
  'entry',
  'language',
  'alias',
  'files',
  'exclude',
  'types',
  'types_or',
  'exclude_types',
  'additional_dependencies',
  'args',
  'always_run',
  'fail_fast',
  'pass_filenames',
  'description',
  'language_version',
  'log_file',
  'require_serial',
  'stages',
  'verbose',
  'minimum_pre_commit_version',
];
export const LOCAL_REQUIRED = ['id', 'name', 'entry', 'language'];
export const META_HOOK_IDS = ['check-hooks-apply', 'check-useless-excludes', 'identity'];

export const HOOK_TYPES = [
  'commit-msg',
  'post-checkout',
  'post-commit',
  'post-merge',
  'post-rewrite',
  'pre-commit',
  'pre-merge-commit',
  'pre-push',
  'pre-rebase',
  'prepare-commit-msg',
];
export const STAGES = [...HOOK_TYPES, 'manual'];
export const LEGACY_STAGES: Record<string, string> = { commit: 'pre-commit', 'merge-commit': 'pre-merge-commit', push: 'pre-push' };

export const LANGUAGES = [
  'conda',
  'coursier',
  'dart',
  'docker',
  'docker_image',
  'dotnet',
  'fail',
  'golang',
  'haskell',
  'julia',
  'lua',
  'node',
  'perl',
  'pygrep',
  'python',
  'r',
  'ruby',
  'rust',
  'swift',
  'unsupported',
  'unsupported_script',
];
/** Still accepted: pre-commit 4.4 maps them to `unsupported` and `unsupported_script`. */
export const LEGACY_LANGUAGES = ['system', 'script'];

/** Read by pre-commit.ci only. */
export const CI_KEYS = ['autofix_commit_msg', 'autofix_prs', 'autoupdate_branch', 'autoupdate_commit_msg', 'autoupdate_schedule', 'skip', 'submodules'];
export const CI_SCHEDULES = ['weekly', 'monthly', 'quarterly'];

export const BOOLEAN_HOOK_KEYS = ['always_run', 'fail_fast', 'pass_filenames', 'require_serial', 'verbose'];
export const LIST_HOOK_KEYS = ['types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'stages'];
