import { LineIndex } from '../core/line-index.js';

/** A text file of the repository, read and decoded. */
export interface SourceFile {
  /** Repository-relative POSIX path. */
  path: string;
  text: string;
  lines: LineIndex;
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text, lines: new LineIndex(text) };
}
