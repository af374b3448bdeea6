import { suggest } from '../config/schema.js';
import { inPackages, type PythonProject } from './project.js';

/**
 * The --package names that select no Python file, each with a near miss among the repository's
 * top-level folders: a typo would otherwise check nothing and pass.
 */
export function unknownPackages(project: Pick<PythonProject, 'scans' | 'unreadable'>, packages: readonly string[]): string[] {
  const files = [...project.scans.keys(), ...project.unreadable.keys()];
  const folders = [...new Set(files.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))))];
  return packages.filter((p) => !files.some((f) => inPackages(f, [p]))).map((p) => `'${p}' matches no Python file${suggest(p.split(/[./]/)[0]!, folders)}`);
}
