import { InputError } from '../../core/errors.js';
import { runShell } from '../../program/run-command.js';
import type { Recipe, RecipeContext, VerifyCheck } from '../recipe.js';
import { changeTo, notRunCheck, readText, verdict } from '../recipe.js';
import { HANDSHAKE_CALL, insertHandshake } from './insert-handshake.js';
import { protocolModule } from './protocol-module.js';
import { protocolTest } from './test-module.js';

export interface M11Layout {
  /** The package directory, e.g. torch/distributed. */
  package: string;
  initFile: string;
  initFunction: string;
  testFile: string;
  anchor?: string;
}

/** PyTorch's layout; `m11:` in groundwork.yml changes any of it. */
export const TORCH_LAYOUT: M11Layout = {
  package: 'torch/distributed',
  initFile: 'torch/distributed/distributed_c10d.py',
  initFunction: 'init_process_group',
  testFile: 'test/distributed/test_protocol_version.py',
};

export function layoutOf(ctx: RecipeContext): M11Layout {
  return { ...TORCH_LAYOUT, ...ctx.config.section<M11Layout>('m11') };
}

function names(layout: M11Layout): { module: string; envPrefix: string; protocolFile: string } {
  const module = layout.package.replace(/\/+$/, '').split('/').join('.');
  return { module, envPrefix: module.replace(/\./g, '_').toUpperCase(), protocolFile: `${layout.package.replace(/\/+$/, '')}/_protocol_version.py` };
}

/** M11: a protocol version and a store-based handshake in the process-group initialisation. */
export const m11: Recipe = {
  id: 'M11',
  title: 'Distributed protocol version check',
  deliverables: [`${TORCH_LAYOUT.package}/_protocol_version.py`, TORCH_LAYOUT.testFile],
  // The handshake goes into the process-group initialisation: without it there is nothing to version.
  async notApplicable(ctx) {
    const layout = layoutOf(ctx);
    if (readText(ctx.repo, layout.initFile) !== undefined) return undefined;
    return `no distributed module: ${layout.initFile} does not exist (m11.package and m11.initFile in groundwork.yml name another)`;
  },
  async apply(ctx) {
    const layout = layoutOf(ctx);
    const { module, envPrefix, protocolFile } = names(layout);
    const init = readText(ctx.repo, layout.initFile);
    if (init === undefined) throw new InputError(`M11: ${layout.initFile} not found; set m11.initFile in groundwork.yml`);
    const inserted = insertHandshake(init, layout.initFunction, module, layout.anchor);
    if (!inserted.ok) throw new InputError(`M11: ${layout.initFile}: ${inserted.reason}`);
    return {
      changes: [
        ...changeTo(ctx.repo, protocolFile, protocolModule(module, envPrefix)),
        ...changeTo(ctx.repo, layout.initFile, inserted.text),
        ...changeTo(ctx.repo, layout.testFile, protocolTest(module, layout.initFunction)),
      ],
      notes: [
        inserted.already
          ? `${layout.initFile} already calls the handshake`
          : `handshake inserted in ${layout.initFunction}() at ${layout.initFile}:${inserted.line}`,
      ],
    };
  },
  // The seed's "run the test; passes": it exists, it runs with python (a unittest module, so a
  // failing test fails the command), and the init function really calls the handshake. Running the
  // test runs the repository's code: only when the user allows it (--run-verifications).
  async verify(ctx) {
    const layout = layoutOf(ctx);
    const { protocolFile } = names(layout);
    const proto = readText(ctx.repo, protocolFile) ?? '';
    const init = readText(ctx.repo, layout.initFile) ?? '';
    const test = readText(ctx.repo, layout.testFile);
    return verdict([
      {
        name: `${protocolFile} defines the version and the comparison`,
        passed: /^PROTOCOL_VERSION\s*=/m.test(proto) && /^MIN_COMPATIBLE_VERSION\s*=/m.test(proto) && /^def is_compatible\(/m.test(proto),
      },
      { name: `${layout.initFunction}() calls the handshake`, passed: init.includes(HANDSHAKE_CALL) },
      await testRun(ctx, layout.testFile, test !== undefined),
    ]);
  },
};

async function testRun(ctx: RecipeContext, testFile: string, exists: boolean): Promise<VerifyCheck> {
  const name = `${testFile} passes`;
  if (!exists) return { name, passed: false, detail: 'missing' };
  if (!ctx.allow.commands) return notRunCheck(name, '--run-verifications');
  const python = ctx.env.PYTHON ?? 'python3';
  const run = await runShell(`${python} ${testFile}`, ctx.repo.root, 300_000, {
    ...ctx.env,
    PYTHONPATH: [ctx.repo.root, ctx.env.PYTHONPATH].filter(Boolean).join(':'),
  });
  return { name, passed: run.exit === 0, detail: `exit ${run.exit}${run.exit ? `: ${run.tail.split('\n').slice(-1)[0]}` : ''}` };
}
