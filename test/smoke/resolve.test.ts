import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { smokeFindings } from './helpers.js';

describe('smoke resolution: layouts and module kinds', () => {
  it('handles a src layout, PEP 420 namespace directories, modules used as packages and a changed __path__', async () => {
    const t = repoWith({
      'src/app/__init__.py': 'from .config import settings\n',
      'src/app/config.py': 'settings = {}\n',
      'src/app/cli.py': 'import app.config.sub\nfrom app import settings, missing_name\n',
      'tools/codegen/gen.py': 'from tools.codegen.util import render\nfrom tools.codegen import nothing_here\n',
      'tools/codegen/util.py': 'def render():\n    pass\n',
      'plugins/__init__.py': 'from pkgutil import extend_path\n__path__ = extend_path(__path__, __name__)\n',
      'plugins/use.py': 'from plugins.installed_elsewhere import hook\n',
      'scripts/run.py': 'import os\nimport helper\nfrom helper import main, absent\n',
      'scripts/helper.py': 'def main():\n    pass\n',
      'setup.py': 'from .local import x\n',
      '.venv/lib/python3.11/site-packages/vendored/__init__.py': 'from .gone import x\n', // an environment, not a source
    });
    try {
      assert.deepEqual(await smokeFindings(t.dir), [
        'scripts/run.py:3 missing-internal-name high',
        'setup.py:1 relative-import-beyond-top high',
        'src/app/cli.py:1 broken-internal-import high',
        'src/app/cli.py:2 missing-internal-name high',
        // tools/ has no __init__.py: a top-level namespace package, which another installed portion may complete.
        'tools/codegen/gen.py:2 missing-internal-name low',
      ]);
      const r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
      const messages = (JSON.parse(r.stdout).findings as { message: string }[]).map((f) => f.message).join('\n');
      assert.match(messages, /`app\.config` is a module, not a package/);
      assert.match(messages, /not in a package .*no known parent package/);
      writeFileSync(join(t.dir, 'groundwork.yml'), "ignore: ['tools/**', 'src/app/config.py']\n");
      assert.deepEqual(
        await smokeFindings(t.dir),
        [
          'scripts/run.py:3 missing-internal-name high',
          'setup.py:1 relative-import-beyond-top high',
          'src/app/cli.py:1 broken-internal-import high',
          'src/app/cli.py:2 missing-internal-name high',
        ],
        'ignored files are not analysed, but still exist for the modules that import them (their names are not checked)',
      );
    } finally {
      t.cleanup();
    }
  });

  it("resolves import_module relative to __package__ from the module's package, and to __name__ from the module itself", async () => {
    const t = repoWith({
      'pkg/__init__.py': '',
      'pkg/tests/__init__.py': 'import importlib\nimportlib.import_module(".cases", __name__)\n',
      'pkg/tests/cases.py': 'X = 1\n',
      'pkg/tests/runner.py':
        'import importlib\n\ndef load():\n    importlib.import_module(".cases", package=__package__)\n    importlib.import_module(".cases", __name__)\n    importlib.import_module(".absent", package=__package__)\n',
    });
    try {
      assert.deepEqual(await smokeFindings(t.dir), ['pkg/tests/runner.py:5 broken-internal-import high', 'pkg/tests/runner.py:6 broken-internal-import high']);
      const r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
      const messages = (JSON.parse(r.stdout).findings as { message: string }[]).map((f) => f.message);
      assert.match(messages[0]!, /`pkg\.tests\.runner\.cases` cannot be imported: `pkg\.tests\.runner` is a module, not a package/);
      assert.match(messages[1]!, /`pkg\.tests\.absent` cannot be imported/);
    } finally {
      t.cleanup();
    }
  });

  it('in a folder without __init__.py inside a regular package, resolves a bare import to a sibling only as a last resort', async () => {
    const t = repoWith({
      'models/__init__.py': '',
      'models/tokenizer/tiktoken.py': 'import tiktoken\nfrom tiktoken.load import load_tiktoken_bpe\n',
      'models/use.py': 'from models.tokenizer import tiktoken\n',
      'scripts/json.py': 'X = 1\n',
      'scripts/tool.py': 'from json import loads\n',
      'models/tokenizer/sentencepiece.py': 'import sentencepiece\nfrom sentencepiece import SentencePieceProcessor\n', // undeclared, still not itself
      'models/tools/run.py': 'import helper\nfrom helper import nope\n',
      'models/tools/helper.py': 'def main():\n    pass\n',
      'pyproject.toml': '[project]\nname = "m"\ndependencies = ["tiktoken"]\n',
    });
    try {
      // In the script folder, json.py shadows the standard library for tool.py (sys.path[0] is the
      // folder); the package's tiktoken.py is imported through the package, so `tiktoken` is the dependency.
      // A script beside its helper in such a folder still finds it (nothing else answers to `helper`).
      assert.deepEqual(await smokeFindings(t.dir), ['models/tools/run.py:2 missing-internal-name high', 'scripts/tool.py:1 missing-internal-name high']);
    } finally {
      t.cleanup();
    }
  });
});
