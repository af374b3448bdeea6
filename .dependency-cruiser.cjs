// The layering of groundwork (issue 14), checked by test/layering.test.ts in npm test and by
// `npx depcruise src`: the command line sits on top of the library, never under it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-import-into-cli',
      comment: 'src/cli/ parses arguments, calls the library and prints; nothing else may depend on it: capabilities return data, recipes and the audit call them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'core-is-a-leaf',
      comment: 'src/core/ (findings, edits, errors, rule metadata) imports nothing of the project but itself.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
