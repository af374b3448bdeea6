import { PythonLexer } from './lexer.js';
import type { ImportRecord, Position } from './records.js';

export interface TryBlock {
  guards: boolean;
}

export interface Block {
  indent: number;
  /** Cumulative context flags, without GUARDED (known only once the except clauses are read). */
  flags: number;
  moduleScope: boolean;
  tries: TryBlock[];
  match: boolean;
}

export interface PendingImport {
  record: ImportRecord;
  tries: TryBlock[];
}

/** What the scanner knows while it walks a file: the block stack and everything collected so far. */
export class ScanState {
  protected readonly L: PythonLexer;
  protected readonly stack: Block[] = [];
  protected readonly indents: number[] = [0];
  /** The last compound statement opened at each indentation, for else/elif/except/finally. */
  protected readonly lastHeader = new Map<number, { kind: 'if' | 'try' | 'loop' | 'other'; tryBlock?: TryBlock }>();
  protected readonly pending: PendingImport[] = [];
  protected readonly bindings = new Set<string>();
  protected readonly injected: string[] = [];
  protected all?: string[];
  protected allDynamic = false;
  protected openReason?: string;
  protected pathOpen = false;
  protected raisesAtTopLevel = false;
  protected readonly structural: { offset: number; message: string }[] = [];
  protected lineStarts?: number[];
  /** Whether any line can hold a dynamic import or a names-changing write; most files have none. */
  protected readonly needsExpressions: boolean;


  constructor(
    protected readonly text: string,
    protected readonly stub: boolean,
  ) {
    this.L = new PythonLexer(text);
    this.needsExpressions = /import_module|\.modules\b|globals\(|__path__/.test(text);
  }

  protected get top(): Block | undefined {
    return this.stack[this.stack.length - 1];
  }

  protected get moduleScope(): boolean {
    return this.top?.moduleScope ?? true;
  }

  protected findName(from: number, to: number, word: string): number {
    for (let i = from; i < to; i++) if (this.L.isName(i, word) && this.L.depth[i] === this.L.depth[from]) return i;
    return -1;
  }

  protected addImport(record: ImportRecord): void {
    this.pending.push({ record, tries: this.top?.tries ?? [] });
  }

  /** Line and UTF-16 columns of [start, end), which must be on one line. */
  protected position(start: number, end: number): Position {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const column = start - starts[lo]! + 1;
    return { line: lo + 1, column, endColumn: column + Math.max(1, end - start) };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) starts.push(p + 1);
  return starts;
}


