import { DOCKER_VALUED } from './resolve-command.js';
import type { Role } from './role.js';
import { type Decide, positional, sub } from './tool-registry.js';
import { own } from '../../core/own.js';

// Container tools: docker (and podman, nerdctl, which take its command line), buildah, skopeo and helm.

/** `docker build`, `docker push`, `docker image prune`: the subcommand says what a run is for. */
export const docker: Decide = (args) => {
  const pos = positional(args, DOCKER_VALUED);
  const cmd = pos[0];
  const table: Record<string, Role> = {
    build: 'build',
    buildx: 'build',
    push: 'upload',
    pull: 'setup',
    login: 'setup',
    tag: 'setup',
    create: 'setup',
    network: 'setup',
    volume: 'setup',
    load: 'setup',
    import: 'setup',
    context: 'setup',
    save: 'upload',
    rm: 'cleanup',
    rmi: 'cleanup',
    stop: 'cleanup',
    kill: 'cleanup',
    system: 'cleanup',
    prune: 'cleanup',
    ps: 'report',
    images: 'report',
    inspect: 'report',
    info: 'report',
    logs: 'report',
    version: 'report',
    stats: 'report',
    history: 'report',
    commit: 'setup',
    cp: 'setup',
    start: 'setup',
    up: 'setup',
    down: 'cleanup',
    compose: 'setup',
  };
  if (cmd === 'compose') return own(table, pos[1] ?? '') ?? 'setup';
  if (cmd === 'buildx') return buildx(pos.slice(1));
  // `docker volume prune`, `docker builder prune`, `docker network rm`: housekeeping in any group.
  if (pos[1] === 'prune' || pos[1] === 'rm') return 'cleanup';
  if (cmd === 'container' || cmd === 'image') return own(table, pos[1] ?? '') ?? 'report';
  return cmd ? own(table, cmd) : undefined;
};

/**
 * `docker buildx build|bake` builds; `use`, `create`, `install` choose or make a builder (setup);
 * `imagetools create` pushes a manifest list; `ls`, `inspect`, `du`, `version` print.
 */
function buildx(pos: readonly string[]): Role | undefined {
  const [cmd, next] = pos;
  if (cmd === 'imagetools') return next === 'create' ? 'upload' : 'report';
  const table: Record<string, Role> = {
    build: 'build',
    b: 'build',
    bake: 'build',
    use: 'setup',
    create: 'setup',
    install: 'setup',
    uninstall: 'cleanup',
    rm: 'cleanup',
    prune: 'cleanup',
    stop: 'cleanup',
    ls: 'report',
    inspect: 'report',
    du: 'report',
    version: 'report',
  };
  return cmd === undefined ? undefined : (own(table, cmd) ?? 'build');
}

/** buildah: podman's image builder (`buildah bud`, `buildah push`, `buildah rmi --prune`). */
export const buildah: Decide = sub({
  bud: 'build',
  build: 'build',
  'build-using-dockerfile': 'build',
  push: 'upload',
  pull: 'setup',
  from: 'setup',
  login: 'setup',
  tag: 'setup',
  config: 'setup',
  copy: 'setup',
  add: 'setup',
  commit: 'setup',
  rm: 'cleanup',
  rmi: 'cleanup',
  prune: 'cleanup',
  images: 'report',
  containers: 'report',
  inspect: 'report',
  info: 'report',
  version: 'report',
});

/** skopeo: copies and inspects images in registries. */
export const skopeo: Decide = sub({
  copy: 'upload',
  sync: 'upload',
  delete: 'cleanup',
  login: 'setup',
  logout: 'cleanup',
  inspect: 'report',
  'list-tags': 'report',
});

/** `helm template test ./chart` renders a chart (`test` is the release's name there); `helm test` runs a release's tests. */
export const helm: Decide = sub({
  lint: 'lint',
  test: 'test',
  template: 'build',
  package: 'build',
  push: 'release',
  install: 'setup',
  upgrade: 'setup',
  repo: 'setup',
  dependency: 'setup',
  dep: 'setup',
  registry: 'setup',
  plugin: 'setup',
  uninstall: 'cleanup',
  delete: 'cleanup',
  list: 'report',
  status: 'report',
  get: 'report',
  show: 'report',
});
