/**
 * `table[key]` for a table keyed by names read from input (programs, subcommands, words, hook ids):
 * only the table's own entries. A plain object inherits `constructor`, `toString` and the like, so
 * `python -m constructor` or a step named "toString" would find a function there.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
