import { type Decide, sub } from './tool-registry.js';

/** The .NET CLI's subcommands. */
export const dotnet: Decide = sub({
  build: 'build',
  test: 'test',
  publish: 'build',
  pack: 'build',
  restore: 'setup',
  format: 'lint',
  nuget: 'release',
  tool: 'setup',
  run: 'other',
  // `dotnet new console`, `dotnet add package Highs`, `dotnet sln add`: a project made or wired up for what follows.
  new: 'setup',
  add: 'setup',
  sln: 'setup',
  remove: 'cleanup',
  clean: 'cleanup',
});
