import { PythonLexer } from './lexer.js';
import type { Problem } from './string-literal.js';
import { UNREACHABLE, type ImportedName, type ImportRecord, type Position } from './records.js';

/**
 * Words that make a line matter wherever it is: dynamic imports, writes to sys.modules or
 * globals(), `__path__` changes and TYPE_CHECKING tests. One regex pass (faster than indexOf per
 * word here: `modules` and `globals` are common words in docstrings). The same pass notes the two
 * words the result asks about the whole file (`f_globals`, `groundwork:`), which two more searches
 * of every file's text would cost a third as much again; no match of one can overlap another's.
 */
const MARKER = /import_module|\bmodules\b|\bglobals\b|__path__|TYPE_CHECKING|f_globals|groundwork:/g;

/**
 * A copy of a string cut from the source that no longer points into it. V8 keeps a cut of 13 or
 * more characters as a view of the whole text, so one long name in a result would keep every
 * scanned file alive: 40 MB more heap on executorch, and the garbage collector copying it around.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * An import record in its final form, every field present in one order: records of one shape keep
 * the code that reads them (the scanner's, the resolver's) monomorphic, and one built once is not
 * copied again when the scan ends. Strings are detached here (see detach).
 */
export function importRecord(
  kind: ImportRecord['kind'],
  module: string,
  level: number,
  at: Position,
  names: ImportedName[],
  context: number,
  asname?: string,
  relativeTo?: ImportRecord['relativeTo'],
): ImportRecord {
  return { kind, module: detach(module), level, at, asname: asname === undefined ? undefined : detach(asname), names, context, relativeTo };
}

/** An imported name of a from-import, of one shape (see importRecord). */
export function importedName(name: string, asname: string | undefined, at: Position): ImportedName {
  return { name: detach(name), asname: asname === undefined ? undefined : detach(asname), line: at.line, column: at.column, endColumn: at.endColumn };
}

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
  /** An unconditional raise, return or skip has been seen in this block: what follows never runs. */
  terminated?: boolean;
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
  /** The indentation of a skip or xfail decorator waiting for its def or class; -1 when none. */
  protected pendingSkip = -1;
  /** Module-level names bound to an exception class that includes ImportError (`E = RuntimeError if c else ImportError`). */
  protected readonly importErrorAliases = new Set<string>();
  /** The module body itself saw an unconditional raise (what follows never runs). */
  protected moduleTerminated = false;
  /** Attributes set on other objects (`mod.Name`, `mod.*`). */
  protected readonly attributeWrites: string[] = [];
  protected readonly structural: Problem[] = [];
  private cursorLine = 1;
  private cursorLineStart = 0;
  /** Whether any line can hold a dynamic import or a names-changing write; most files have none. */
  protected needsExpressions: boolean;
  /** Offsets of the words that make a line worth tokenizing anywhere (MARKER), in order. */
  private readonly markers: number[] = [];
  private markerIndex = 0;
  /** The text mentions `f_globals` (a frame's globals: see writesCallerGlobals). */
  protected readonly mentionsFrameGlobals: boolean;
  /** The text holds a `groundwork:` directive (or something that looks like one). */
  protected readonly mentionsDirectives: boolean;

  constructor(
    protected readonly text: string,
    protected readonly stub: boolean,
  ) {
    this.L = new PythonLexer(text);
    let expressions = false;
    let frameGlobals = false;
    let directives = false;
    // exec, not matchAll: matchAll copies the regex and walks an iterator for every file, which
    // made this pass 85 ms instead of 56 ms over executorch's texts in a fresh process.
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
      const word = m[0];
      if (word === 'f_globals') frameGlobals = true;
      else if (word === 'groundwork:') directives = true;
      else {
        this.markers.push(m.index);
        if (word !== 'TYPE_CHECKING') expressions = true;
      }
    }
    this.needsExpressions = expressions;
    this.mentionsFrameGlobals = frameGlobals;
    this.mentionsDirectives = directives;
  }

  /** The offset of the first marker at or after `offset` (lines are visited in order), or Infinity. */
  protected nextMarker(offset: number): number {
    while (this.markerIndex < this.markers.length && this.markers[this.markerIndex]! < offset) this.markerIndex++;
    return this.markers[this.markerIndex] ?? Infinity;
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
    if (this.top ? this.top.terminated : this.moduleTerminated) record.context |= UNREACHABLE;
    this.pending.push({ record, tries: this.top?.tries ?? [] });
  }

  /** An unconditional raise, return or skip at this point: the rest of the innermost block never runs. */
  protected terminate(block: Block | undefined): void {
    if (block) block.terminated = true;
    else this.moduleTerminated = true;
  }

  /**
   * Line and UTF-16 columns of [start, end), which must be on one line. Lines are counted forward
   * from the line of the last position asked for (imports come in file order, and a statement's
   * keyword is asked for after its module name on the same line), and from the start only when
   * asked for an earlier line.
   */
  protected position(start: number, end: number): Position {
    if (start < this.cursorLineStart) {
      this.cursorLine = 1;
      this.cursorLineStart = 0;
    }
    const text = this.text;
    for (let nl = text.indexOf('\n', this.cursorLineStart); nl >= 0 && nl < start; nl = text.indexOf('\n', nl + 1)) {
      this.cursorLine++;
      this.cursorLineStart = nl + 1;
    }
    const column = start - this.cursorLineStart + 1;
    return { line: this.cursorLine, column, endColumn: column + Math.max(1, end - start) };
  }
}
