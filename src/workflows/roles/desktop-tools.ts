import { type Decide, sub } from './tool-registry.js';

// Tools of a Linux desktop and its packages, as GUI smoke tests and environment set-ups use them:
// dpkg, xdotool and wmctrl, pixi.

/**
 * `dpkg -i x.deb` installs a package (`-r`/`-P` remove it, `-l`/`-L`/`-s`/`-S` ask about it, `-b`
 * builds one). `--info`, `--contents`, `--field` and `--verify` read a package and fail on a broken
 * one: what they are for is the step's.
 */
export const dpkg: Decide = (args) => {
  const a = args.find((x) => x.startsWith('-')) ?? '';
  if (/^(-[rP]|--remove|--purge)$/.test(a)) return 'cleanup';
  if (/^(-[lLsSp]|--list|--listfiles|--status|--search|--print-architecture)$/.test(a)) return 'report';
  if (/^(-[IcfV]|--info|--contents|--field|--verify)$/.test(a)) return undefined;
  if (/^(-b|--build)$/.test(a)) return 'build';
  return 'setup';
};

/** `dpkg-deb --build` packs a package; its other runs read one. */
export const dpkgDeb: Decide = (args) => (args.some((a) => a === '-b' || a === '--build') ? 'build' : 'report');

/** `xdotool search` exits 1 when no window matches (like grep), `wmctrl -l` lists them: questions. The rest drives the display. */
export const xdotool: Decide = (args) => (args[0] === 'search' || args[0] === '-l' ? 'probe' : 'setup');

/**
 * pixi's own subcommands set the environment up (`eval "$(pixi shell-hook -e test)"` activates it);
 * `pixi run <task>` is read as the task it runs.
 */
export const pixi: Decide = sub({
  'shell-hook': 'setup',
  shell: 'setup',
  install: 'setup',
  add: 'setup',
  global: 'setup',
  update: 'setup',
  lock: 'setup',
  clean: 'cleanup',
  info: 'report',
  list: 'report',
  tree: 'report',
});
