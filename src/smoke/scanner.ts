import { NAME, NUMBER, STRING } from './lexer.js';
import { isDigit, isNameChar, wordTable } from './python-chars.js';
import {
  CONDITIONAL,
  EXPECTS_FAILURE,
  GUARDED,
  IN_FALLBACK,
  IN_FUNCTION,
  IN_TYPE_CHECKING,
  PATH_CHECK,
  SKIPPED,
  UNREACHABLE,
  type ScanResult,
} from './records.js';
import {
  catchesImportError,
  expectsFailure,
  findTopLevelOp,
  isSkipCall,
  isSkipDecorator,
  isTypeCheckingTest,
  KEYWORDS,
  testsPathExists,
  targetNames,
} from './scan-statements.js';
import { NameScanner } from './scan-names.js';
import { detach, type Block, type TryBlock } from './scan-state.js';

/**
 * Extracts imports, module-level names and the dynamic-module markers of one Python file
 * without building a syntax tree: a block stack driven by indentation over logical lines.
 * The test suite holds it to Python's own `ast` on real code.
 */
export function scanPython(text: string, opts: { stub?: boolean; tokenizeEveryLine?: boolean } = {}): ScanResult {
  return new ModuleScanner(text, Boolean(opts.stub), Boolean(opts.tokenizeEveryLine)).run();
}

const MAX_PROBLEMS = 5;

/** Line-leading words whose statement matters inside a function or class body. */
const LINE_WORDS: ReadonlySet<string> = new Set([
  'import',
  'from',
  'global',
  'print',
  'exec',
  'if',
  'elif',
  'else',
  'for',
  'while',
  'try',
  'except',
  'finally',
  'with',
  'def',
  'class',
  'async',
  'match',
  'case',
]);

/** The headers that, inside a function or class body, need nothing but their keyword (when nothing follows the colon). */
const PLAIN_HEADERS: ReadonlySet<string> = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'finally', 'with', 'def', 'class']);

/**
 * What makes a decorator, a `with` or an `if` header worth reading in full inside a body: a guard
 * of the imports below it. Sticky, tried at the line's start and run to its end, to cut no string.
 */
const SKIP_MARK = /[^\n]*?(?:skip|xfail|XFAIL|SKIP|expectedFailure)/y;
const RAISES = /[^\n]*?[rR]aises\w*\(/y;
const PATH_TEST = /[^\n]*?\b(?:exists|lexists|isfile|isdir|is_file|is_dir)\(/y;

/** Statements after which the rest of their block never runs. */
const TERMINATORS: ReadonlySet<string> = new Set(['raise', 'return']);

/** Where a run of passed-over lines must stop: the line words, and the terminators (what follows them is unreachable). */
const STOP_WORDS = wordTable([...LINE_WORDS, ...TERMINATORS]);

class ModuleScanner extends NameScanner {
  constructor(
    text: string,
    stub: boolean,
    /** Reads every line in full, never passing one over: the reference the fast path is tested against. */
    private readonly tokenizeEveryLine: boolean,
  ) {
    super(text, stub);
  }

  run(): ScanResult {
    const L = this.L;
    // Reading every line, the calls the fast path marks on the lines it refuses (see isMarkedCall) are looked for everywhere.
    if (this.tokenizeEveryLine) L.markedCall = true;
    while (L.nextLineStart()) {
      if (!this.tokenizeEveryLine && this.passOver()) continue;
      L.readLine();
      if (L.count > 0) this.line();
    }
    if (this.bindings.has('__getattr__')) this.openReason ??= 'it defines a module-level __getattr__';
    // Whether a try guards its imports is known only once its except clauses are read.
    const imports = this.pending.map(({ record, tries }) => {
      if (tries.some((t) => t.guards)) record.context |= GUARDED;
      return record;
    });
    const problems = [...L.problems, ...this.structural]
      .sort((a, b) => a.offset - b.offset)
      .slice(0, MAX_PROBLEMS)
      .map((p) => ({ ...this.position(p.offset, p.offset + 1), message: p.message }));
    return {
      imports,
      bindings: [...this.bindings].map(detach),
      all: this.all?.map(detach),
      allDynamic: this.allDynamic,
      openReason: this.openReason,
      pathOpen: this.pathOpen,
      injected: this.injected.map(detach),
      raisesAtTopLevel: this.raisesAtTopLevel,
      writesCallerGlobals: this.mentionsFrameGlobals && /_getframe|currentframe|f_back/.test(this.text),
      attributeWrites: this.attributeWrites.map(detach),
      hasDirectives: this.mentionsDirectives,
      templated: false,
      problems,
    };
  }

  /**
   * Passes over the current line without tokenizing it when it cannot say anything: inside a
   * function or class body only imports, `global`, Python 2 statements, the marked lines (dynamic
   * imports, TYPE_CHECKING) and the compound statements that change an import's context matter,
   * and the most common of those headers need only their keyword. False when the line must be read.
   */
  protected passOver(): boolean {
    const L = this.L;
    const first = L.text.charCodeAt(L.lineStart);
    if (first === 92) return false;
    const scope = this.enclosing(L.indent);
    const word = L.leadingWord(STOP_WORDS);
    const limit = this.nextMarker(L.lineStart);
    if (!scope || scope.moduleScope) return (word === 'def' || word === 'class') && this.passOverDefinition(word, limit);
    const guard = first === 64 ? SKIP_MARK : word === 'with' ? RAISES : word === 'if' || word === 'elif' ? PATH_TEST : undefined;
    if (guard && this.lineMatches(guard)) return false;
    const header = word !== undefined && LINE_WORDS.has(word);
    if (header && !PLAIN_HEADERS.has(word)) return false;
    if (!L.skimLine(limit, header)) return false;
    this.enterLine(L.indent, L.lineStart);
    if (header) this.openBlock(word, L.indent, false);
    else {
      if (word !== undefined && TERMINATORS.has(word)) this.terminate(this.top);
      L.skimFollowing(limit, STOP_WORDS);
    }
    return true;
  }

  /** Whether the physical line the current logical line starts on matches `re` (sticky, not crossing a line break). */
  protected lineMatches(re: RegExp): boolean {
    re.lastIndex = this.L.lineStart;
    return re.test(this.L.text);
  }

  /** A module-level `def name(…):` or `class name(…):` with its body below: only its name is bound. */
  protected passOverDefinition(word: 'def' | 'class', limit: number): boolean {
    const L = this.L;
    const text = L.text;
    let p = L.lineStart + word.length;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    let q = p;
    while (isNameChar(text.charCodeAt(q))) q++;
    // A quote right after the name makes it a string prefix (`def f"":`): the tokenizer's business.
    const after = text.charCodeAt(q);
    if (q === p || isDigit(text.charCodeAt(p)) || after === 34 || after === 39 || !L.skimLine(limit, true, true)) return false;
    this.enterLine(L.indent, L.lineStart);
    this.bindings.add(text.slice(p, q));
    this.openBlock(word, L.indent, false);
    return true;
  }

  /** The block a line at `indent` belongs to: the innermost open one indented less. */
  protected enclosing(indent: number): Block | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.indent < indent) return this.stack[i];
    return undefined;
  }

  /** Closes the blocks a line at `indent` ends and checks the indentation against the open ones. */
  protected enterLine(indent: number, offset: number): void {
    while (this.stack.length && this.top!.indent >= indent) this.stack.pop();
    this.checkIndent(indent, offset);
  }

  protected line(): void {
    const L = this.L;
    const indent = L.indent;
    this.enterLine(indent, L.start[0]!);
    const n = L.count;
    if (L.isOp(0, '@')) {
      if (isSkipDecorator(L, 1, n)) this.pendingSkip = indent;
      return this.expressions(0, n);
    }
    if (L.kind[0] === NAME && this.header(indent, n)) return;
    this.simpleStatements(0, n);
  }

  protected checkIndent(indent: number, offset: number): void {
    const levels = this.indents;
    if (indent > levels[levels.length - 1]!) levels.push(indent);
    else {
      while (levels.length > 1 && levels[levels.length - 1]! > indent) levels.pop();
      if (levels[levels.length - 1] !== indent) {
        this.structural.push({ offset, message: 'unindent does not match any outer indentation level' });
        levels.push(indent);
      }
    }
  }

  /** Handles a compound statement header; false when the line is not one. */
  protected header(indent: number, n: number): boolean {
    const L = this.L;
    let k = 0;
    let word = L.tokenText(0);
    if (word === 'async' && (L.isName(1, 'def') || L.isName(1, 'for') || L.isName(1, 'with'))) word = L.tokenText((k = 1));
    const compound =
      word === 'if' ||
      word === 'elif' ||
      word === 'else' ||
      word === 'for' ||
      word === 'while' ||
      word === 'try' ||
      word === 'except' ||
      word === 'finally' ||
      word === 'with' ||
      word === 'def' ||
      word === 'class';
    const soft =
      (word === 'match' && L.isOp(n - 1, ':') && L.depth[n - 1] === 0 && n > 2 && !L.isOp(1, '=') && !L.isOp(1, '.')) ||
      (word === 'case' && this.top?.match === true);
    if (!compound && !soft) return false;
    const colon = findTopLevelOp(L, k + 1, n, ':');
    if (colon < 0) return false;
    this.expressions(k + 1, colon);
    if (this.moduleScope) this.headerBindings(word, k, colon);
    let extra = 0;
    if (word === 'except') {
      const last = this.lastHeader.get(indent);
      if (last?.tryBlock && catchesImportError(L, k + 1, colon, this.importErrorAliases)) {
        last.tryBlock.guards = true;
        extra = IN_FALLBACK;
      }
      if (findTopLevelOp(L, k + 1, colon, ',') >= 0 && !L.isOp(k + 1, '('))
        this.structural.push({ offset: L.start[0]!, message: 'Python 2 except clause (write `except E as name:`)' });
    } else if (word === 'with' && expectsFailure(L, k + 1, colon)) extra = EXPECTS_FAILURE;
    else if ((word === 'if' || word === 'elif') && testsPathExists(L, k + 1, colon)) extra = PATH_CHECK;
    this.openBlock(word, indent, (word === 'if' || word === 'elif') && isTypeCheckingTest(L, k + 1, colon), extra);
    if (colon + 1 < n) {
      this.simpleStatements(colon + 1, n);
      this.stack.pop();
    }
    return true;
  }

  /** Module-level names a compound statement header binds: def and class names, loop targets, `with … as` names. */
  protected headerBindings(word: string, k: number, colon: number): void {
    const L = this.L;
    if ((word === 'def' || word === 'class') && L.kind[k + 1] === NAME) this.bindings.add(L.tokenText(k + 1));
    else if (word === 'for') {
      const inAt = findTopLevelOp(L, k + 1, colon, 'in');
      const end = inAt >= 0 ? inAt : this.findName(k + 1, colon, 'in');
      for (const name of targetNames(L, k + 1, end < 0 ? colon : end)) this.bindings.add(name);
    } else if (word === 'with') {
      for (let i = k + 1; i < colon; i++) if (L.isName(i, 'as') && L.kind[i + 1] === NAME) this.bindings.add(L.tokenText(i + 1));
    }
  }

  /**
   * Opens the block of a compound statement: its context flags follow from the keyword, for an if
   * whether it tests TYPE_CHECKING, and the guard the header itself showed (`extra`).
   */
  protected openBlock(word: string, indent: number, typeChecking: boolean, extra = 0): void {
    const outer = this.top;
    const tries = outer?.tries ?? [];
    const unreachable = (outer ? outer.terminated : this.moduleTerminated) ? UNREACHABLE : 0;
    // terminated set from the start: blocks keep one shape, which the scanner's hot paths rely on.
    const block: Block = { indent, flags: (outer?.flags ?? 0) | extra | unreachable, moduleScope: this.moduleScope, tries, match: false, terminated: false };
    switch (word) {
      case 'def':
      case 'class':
        if (word === 'def') block.flags |= IN_FUNCTION;
        if (this.pendingSkip === indent) block.flags |= SKIPPED;
        this.pendingSkip = -1;
        block.moduleScope = false;
        this.lastHeader.set(indent, { kind: 'other' });
        break;
      case 'if':
        block.flags |= typeChecking ? IN_TYPE_CHECKING : CONDITIONAL;
        this.lastHeader.set(indent, { kind: 'if' });
        break;
      case 'elif':
        block.flags |= CONDITIONAL | (typeChecking ? IN_TYPE_CHECKING : 0);
        break;
      case 'else':
        if (this.lastHeader.get(indent)?.kind !== 'try') block.flags |= CONDITIONAL;
        break;
      case 'for':
      case 'while':
        block.flags |= CONDITIONAL;
        this.lastHeader.set(indent, { kind: 'loop' });
        break;
      case 'try': {
        const tryBlock: TryBlock = { guards: false };
        block.tries = [...tries, tryBlock];
        this.lastHeader.set(indent, { kind: 'try', tryBlock });
        break;
      }
      case 'except':
      case 'match':
      case 'case':
        block.flags |= CONDITIONAL;
        block.match = word === 'match';
        break;
      case 'with':
        this.lastHeader.set(indent, { kind: 'other' });
        break;
    }
    this.stack.push(block);
  }

  protected simpleStatements(from: number, to: number): void {
    let start = from;
    for (let i = from; i <= to; i++) {
      if (i === to || (this.L.isOp(i, ';') && this.L.depth[i] === 0)) {
        if (i > start) this.simple(start, i);
        start = i + 1;
      }
    }
  }

  protected simple(a: number, b: number): void {
    const L = this.L;
    if (L.isName(a, 'import')) return this.importStatement(a, b);
    if (L.isName(a, 'from')) return this.fromStatement(a, b);
    if (L.isName(a, 'global')) {
      for (let i = a + 1; i < b; i++) if (L.kind[i] === NAME) this.bindings.add(L.tokenText(i));
      return;
    }
    if (L.isName(a, 'raise') && this.stack.length === 0) this.raisesAtTopLevel = true;
    if (L.isName(a, 'raise') || L.isName(a, 'return') || isSkipCall(L, a, b)) this.terminate(this.top);
    if (
      (L.isName(a, 'print') || L.isName(a, 'exec')) &&
      a + 1 < b &&
      (L.kind[a + 1] === STRING || L.kind[a + 1] === NUMBER || (L.kind[a + 1] === NAME && !KEYWORDS.has(L.tokenText(a + 1))))
    ) {
      this.structural.push({ offset: L.start[a]!, message: `Python 2 ${L.tokenText(a)} statement` });
    }
    this.expressions(a, b);
    if (this.moduleScope) this.assignment(a, b);
  }
}
