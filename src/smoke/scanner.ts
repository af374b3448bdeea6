import { NAME, NUMBER, PythonLexer, STRING } from './lexer.js';
import { CONDITIONAL, GUARDED, IN_FUNCTION, IN_TYPE_CHECKING, type ImportedName, type ImportRecord, type Position, type ScanResult } from './records.js';
import { assignmentOps, augmentedOp, catchesImportError, dottedName, findTopLevelOp, isTypeCheckingTest, KEYWORDS, literalStrings, moduleKey, targetNames } from './scan-statements.js';

interface TryBlock {
  guards: boolean;
}

interface Block {
  indent: number;
  /** Cumulative context flags, without GUARDED (known only once the except clauses are read). */
  flags: number;
  moduleScope: boolean;
  tries: TryBlock[];
  match: boolean;
}

interface PendingImport {
  record: ImportRecord;
  tries: TryBlock[];
}

const MAX_PROBLEMS = 5;

/**
 * Extracts imports, module-level names and the dynamic-module markers of one Python file
 * without building a syntax tree: a block stack driven by indentation over logical lines.
 * The test suite holds it to Python's own `ast` on real code.
 */
export function scanPython(text: string, opts: { stub?: boolean } = {}): ScanResult {
  return new ModuleScanner(text, Boolean(opts.stub)).run();
}

class ModuleScanner {
  private readonly L: PythonLexer;
  private readonly stack: Block[] = [];
  private readonly indents: number[] = [0];
  /** The last compound statement opened at each indentation, for else/elif/except/finally. */
  private readonly lastHeader = new Map<number, { kind: 'if' | 'try' | 'loop' | 'other'; tryBlock?: TryBlock }>();
  private readonly pending: PendingImport[] = [];
  private readonly bindings = new Set<string>();
  private readonly injected: string[] = [];
  private all?: string[];
  private allDynamic = false;
  private openReason?: string;
  private pathOpen = false;
  private raisesAtTopLevel = false;
  private readonly structural: { offset: number; message: string }[] = [];
  private lineStarts?: number[];
  /** Whether any line can hold a dynamic import or a names-changing write; most files have none. */
  private readonly needsExpressions: boolean;

  constructor(
    private readonly text: string,
    private readonly stub: boolean,
  ) {
    this.L = new PythonLexer(text);
    // `module` covers both import_module and sys.modules; one pass over the text.
    this.needsExpressions = /module|globals\(|__path__/.test(text);
  }

  run(): ScanResult {
    const L = this.L;
    while (L.nextLine()) this.line();
    if (this.bindings.has('__getattr__')) this.openReason ??= 'it defines a module-level __getattr__';
    const imports = this.pending.map(({ record, tries }) => (tries.some((t) => t.guards) ? { ...record, context: record.context | GUARDED } : record));
    const problems = [...L.problems, ...this.structural]
      .sort((a, b) => a.offset - b.offset)
      .slice(0, MAX_PROBLEMS)
      .map((p) => ({ ...this.position(p.offset, p.offset + 1), message: p.message }));
    return {
      imports,
      bindings: [...this.bindings],
      all: this.all,
      allDynamic: this.allDynamic,
      openReason: this.openReason,
      pathOpen: this.pathOpen,
      injected: this.injected,
      raisesAtTopLevel: this.raisesAtTopLevel,
      hasDirectives: this.text.includes('groundwork:'),
      templated: false,
      problems,
    };
  }

  private get top(): Block | undefined {
    return this.stack[this.stack.length - 1];
  }

  private get moduleScope(): boolean {
    return this.top?.moduleScope ?? true;
  }

  private line(): void {
    const L = this.L;
    const indent = L.indent;
    while (this.stack.length && this.top!.indent >= indent) this.stack.pop();
    this.checkIndent(indent);
    const n = L.count;
    if (L.isOp(0, '@')) return this.expressions(0, n);
    if (L.kind[0] === NAME && this.header(indent, n)) return;
    this.simpleStatements(0, n);
  }

  private checkIndent(indent: number): void {
    const levels = this.indents;
    if (indent > levels[levels.length - 1]!) levels.push(indent);
    else {
      while (levels.length > 1 && levels[levels.length - 1]! > indent) levels.pop();
      if (levels[levels.length - 1] !== indent) {
        this.structural.push({ offset: this.L.start[0]!, message: 'unindent does not match any outer indentation level' });
        levels.push(indent);
      }
    }
  }

  /** Handles a compound statement header; false when the line is not one. */
  private header(indent: number, n: number): boolean {
    const L = this.L;
    let k = 0;
    let word = L.tokenText(0);
    if (word === 'async' && (L.isName(1, 'def') || L.isName(1, 'for') || L.isName(1, 'with'))) word = L.tokenText((k = 1));
    const compound = word === 'if' || word === 'elif' || word === 'else' || word === 'for' || word === 'while' || word === 'try' || word === 'except' || word === 'finally' || word === 'with' || word === 'def' || word === 'class';
    const soft = (word === 'match' && L.isOp(n - 1, ':') && L.depth[n - 1] === 0 && n > 2 && !L.isOp(1, '=') && !L.isOp(1, '.')) || (word === 'case' && this.top?.match === true);
    if (!compound && !soft) return false;
    const colon = findTopLevelOp(L, k + 1, n, ':');
    if (colon < 0) return false;
    this.expressions(k + 1, colon);
    const outer = this.top;
    const flags = outer?.flags ?? 0;
    const moduleScope = this.moduleScope;
    const tries = outer?.tries ?? [];
    const block: Block = { indent, flags, moduleScope, tries, match: false };
    switch (word) {
      case 'def':
      case 'class': {
        if (moduleScope && L.kind[k + 1] === NAME) this.bindings.add(L.tokenText(k + 1));
        if (word === 'def') block.flags |= IN_FUNCTION;
        block.moduleScope = false;
        this.lastHeader.set(indent, { kind: 'other' });
        break;
      }
      case 'if':
        block.flags |= isTypeCheckingTest(L, k + 1, colon) ? IN_TYPE_CHECKING : CONDITIONAL;
        this.lastHeader.set(indent, { kind: 'if' });
        break;
      case 'elif':
        block.flags |= CONDITIONAL | (isTypeCheckingTest(L, k + 1, colon) ? IN_TYPE_CHECKING : 0);
        break;
      case 'else':
        if (this.lastHeader.get(indent)?.kind !== 'try') block.flags |= CONDITIONAL;
        break;
      case 'for':
      case 'while':
        if (word === 'for' && moduleScope) {
          const inAt = findTopLevelOp(L, k + 1, colon, 'in');
          const end = inAt >= 0 ? inAt : this.findName(k + 1, colon, 'in');
          for (const name of targetNames(L, k + 1, end < 0 ? colon : end)) this.bindings.add(name);
        }
        block.flags |= CONDITIONAL;
        this.lastHeader.set(indent, { kind: 'loop' });
        break;
      case 'try': {
        const tryBlock: TryBlock = { guards: false };
        block.tries = [...tries, tryBlock];
        this.lastHeader.set(indent, { kind: 'try', tryBlock });
        break;
      }
      case 'except': {
        const last = this.lastHeader.get(indent);
        if (last?.tryBlock && catchesImportError(L, k + 1, colon)) last.tryBlock.guards = true;
        if (findTopLevelOp(L, k + 1, colon, ',') >= 0 && !L.isOp(k + 1, '(')) this.structural.push({ offset: L.start[0]!, message: 'Python 2 except clause (write `except E as name:`)' });
        block.flags |= CONDITIONAL;
        break;
      }
      case 'finally':
        break;
      case 'with':
        if (moduleScope) for (let i = k + 1; i < colon; i++) if (L.isName(i, 'as') && L.kind[i + 1] === NAME) this.bindings.add(L.tokenText(i + 1));
        this.lastHeader.set(indent, { kind: 'other' });
        break;
      case 'match':
      case 'case':
        block.flags |= CONDITIONAL;
        block.match = word === 'match';
        break;
    }
    this.stack.push(block);
    if (colon + 1 < n) {
      this.simpleStatements(colon + 1, n);
      this.stack.pop();
    }
    return true;
  }

  private findName(from: number, to: number, word: string): number {
    for (let i = from; i < to; i++) if (this.L.isName(i, word) && this.L.depth[i] === this.L.depth[from]) return i;
    return -1;
  }

  private simpleStatements(from: number, to: number): void {
    let start = from;
    for (let i = from; i <= to; i++) {
      if (i === to || (this.L.isOp(i, ';') && this.L.depth[i] === 0)) {
        if (i > start) this.simple(start, i);
        start = i + 1;
      }
    }
  }

  private simple(a: number, b: number): void {
    const L = this.L;
    if (L.isName(a, 'import')) return this.importStatement(a, b);
    if (L.isName(a, 'from')) return this.fromStatement(a, b);
    if (L.isName(a, 'global')) {
      for (let i = a + 1; i < b; i++) if (L.kind[i] === NAME) this.bindings.add(L.tokenText(i));
      return;
    }
    if (L.isName(a, 'raise') && this.stack.length === 0) this.raisesAtTopLevel = true;
    if ((L.isName(a, 'print') || L.isName(a, 'exec')) && a + 1 < b && (L.kind[a + 1] === STRING || L.kind[a + 1] === NUMBER || (L.kind[a + 1] === NAME && !KEYWORDS.has(L.tokenText(a + 1))))) {
      this.structural.push({ offset: L.start[a]!, message: `Python 2 ${L.tokenText(a)} statement` });
    }
    this.expressions(a, b);
    if (this.moduleScope) this.assignment(a, b);
  }

  private assignment(a: number, b: number): void {
    const L = this.L;
    if (L.isName(a, 'type') && L.kind[a + 1] === NAME && (L.isOp(a + 2, '=') || L.isOp(a + 2, '['))) {
      this.bindings.add(L.tokenText(a + 1));
      return;
    }
    const lambdaAt = this.findName(a, b, 'lambda');
    const end = lambdaAt >= 0 ? lambdaAt : b;
    if (L.isName(a, '__all__')) this.allStatement(a, b);
    const aug = augmentedOp(L, a, end);
    const eqs = assignmentOps(L, a, end);
    const annotation = findTopLevelOp(L, a, end, ':');
    if (annotation >= 0 && (eqs.length === 0 || annotation < eqs[0]!)) {
      if (annotation === a + 1 && L.kind[a] === NAME && (eqs.length > 0 || this.stub)) this.bindings.add(L.tokenText(a));
      return;
    }
    if (aug >= 0 && (eqs.length === 0 || aug < eqs[0]!)) {
      if (aug === a + 1 && L.kind[a] === NAME) this.bindings.add(L.tokenText(a));
      return;
    }
    let start = a;
    for (const eq of eqs) {
      for (const name of targetNames(L, start, eq)) this.bindings.add(name);
      start = eq + 1;
    }
  }

  /** `__all__ = [...]`, `__all__ += [...]`, `__all__.extend([...])`, `__all__.append("x")`. */
  private allStatement(a: number, b: number): void {
    const L = this.L;
    let values: string[] | undefined;
    if (L.isOp(a + 1, '=') || L.isOp(a + 1, '+=')) values = literalStrings(L, a + 2, b);
    else if (L.isOp(a + 1, ':')) {
      const eq = findTopLevelOp(L, a, b, '=');
      values = eq < 0 ? [] : literalStrings(L, eq + 1, b);
    } else if (L.isOp(a + 1, '.') && (L.isName(a + 2, 'extend') || L.isName(a + 2, 'append')) && L.isOp(a + 3, '(') && L.isOp(b - 1, ')')) {
      values = literalStrings(L, a + 4, b - 1);
    } else if (L.isOp(a + 1, '.')) return;
    if (values === undefined) this.allDynamic = true;
    else this.all = L.isOp(a + 1, '=') && !this.all ? values : [...(L.isOp(a + 1, '=') ? [] : (this.all ?? [])), ...values];
  }

  /** Dynamic imports, walrus bindings and the writes that make a module's names unknowable. */
  private expressions(a: number, b: number): void {
    if (!this.needsExpressions && !this.moduleScope) return;
    const L = this.L;
    for (let i = a; i < b; i++) {
      if (L.kind[i] !== NAME) continue;
      const first = L.text.charCodeAt(L.start[i]!);
      if (first === 105 && L.isName(i, 'import_module') && L.isOp(i + 1, '(')) this.dynamicImport(i);
      else if (first === 103 && L.isName(i, 'globals') && L.isOp(i + 1, '(') && L.isOp(i + 2, ')') && (L.isOp(i + 3, '[') || L.isOp(i + 3, '.'))) {
        if (L.isOp(i + 3, '.') || assignmentOps(L, a, b).some((eq) => eq > i)) this.openReason ??= 'it writes to globals()';
      } else if (first === 103 && L.isName(i, 'globals') && L.isOp(i + 1, '(') && L.isOp(i + 2, ')') && i + 3 === b && i > a && L.isOp(i - 1, '=')) {
        this.openReason ??= 'it keeps globals() in a variable to write to it';
      } else if (first === 95 && L.isName(i, '__path__') && this.stack.every((s) => s.moduleScope) && (L.isOp(i + 1, '=') || L.isOp(i + 1, '+=') || L.isOp(i + 1, '.'))) {
        this.pathOpen = true;
      } else if (L.isOp(i + 1, ':=') && this.moduleScope) this.bindings.add(L.tokenText(i));
      else if (L.text.charCodeAt(L.end[i]! - 1) === 115 && L.tokenText(i).endsWith('sys') && L.isOp(i + 1, '.') && L.isName(i + 2, 'modules')) this.sysModules(i + 3, a, b);
    }
  }

  private sysModules(i: number, a: number, b: number): void {
    const L = this.L;
    let key: { name: string; next: number } | undefined;
    if (L.isOp(i, '[')) {
      key = moduleKey(L, i + 1);
      if (key && key.name === '') {
        this.openReason ??= 'it changes its own module object through sys.modules[__name__]';
        return;
      }
      if (!key || !L.isOp(key.next, ']') || !assignmentOps(L, a, b).some((eq) => eq > key!.next)) return;
    } else if (L.isOp(i, '.') && L.isName(i + 1, 'setdefault') && L.isOp(i + 2, '(')) key = moduleKey(L, i + 3);
    if (key && key.name) this.injected.push(key.name);
  }

  private dynamicImport(i: number): void {
    const L = this.L;
    let first = i;
    if (i > 0 && L.isOp(i - 1, '.')) {
      if (!(i > 1 && L.isName(i - 2, 'importlib') && !(i > 2 && L.isOp(i - 3, '.')))) return;
      first = i - 2;
    }
    const value = L.stringValue(i + 2);
    if (value === undefined || !(L.isOp(i + 3, ')') || L.isOp(i + 3, ','))) return;
    let arg = i + 4;
    if (L.isName(arg, 'package') && L.isOp(arg + 1, '=')) arg += 2;
    const relativeToSelf = L.isOp(i + 3, ',') && (L.isName(arg, '__name__') || L.isName(arg, '__package__'));
    const level = /^\.*/.exec(value)![0].length;
    const at = this.position(L.start[i + 2]!, L.end[i + 2]!);
    const record: ImportRecord = { kind: 'dynamic', module: value.slice(level), level, at: { ...at, line: this.position(L.start[first]!, L.start[first]!).line }, names: [], context: this.top?.flags ?? 0 };
    if (relativeToSelf) record.relativeToSelf = true;
    this.addImport(record);
  }

  private addImport(record: ImportRecord): void {
    this.pending.push({ record, tries: this.top?.tries ?? [] });
  }

  private importStatement(a: number, b: number): void {
    const L = this.L;
    let i = a + 1;
    while (i < b) {
      const dotted = dottedName(L, i, b);
      if (!dotted) return;
      const record: ImportRecord = { kind: 'import', module: dotted.name, level: 0, at: this.position(L.start[i]!, L.end[dotted.next - 1]!), names: [], context: this.top?.flags ?? 0 };
      i = dotted.next;
      if (L.isName(i, 'as') && L.kind[i + 1] === NAME) {
        record.asname = L.tokenText(i + 1);
        i += 2;
      }
      record.at.line = this.position(L.start[a]!, L.start[a]!).line;
      this.addImport(record);
      if (this.moduleScope) this.bindings.add(record.asname ?? dotted.name.split('.')[0]!);
      if (!L.isOp(i, ',')) return;
      i++;
    }
  }

  private fromStatement(a: number, b: number): void {
    const L = this.L;
    let i = a + 1;
    let level = 0;
    while (i < b && (L.isOp(i, '.') || L.isOp(i, '...'))) {
      level += L.end[i]! - L.start[i]!;
      i++;
    }
    const dotted = L.isName(i, 'import') ? undefined : dottedName(L, i, b);
    const moduleAt = dotted ? this.position(L.start[i]!, L.end[dotted.next - 1]!) : this.position(L.start[a]!, L.end[i - 1]!);
    if (dotted) i = dotted.next;
    if (!L.isName(i, 'import')) return;
    i++;
    if (L.isOp(i, '(')) i++;
    const names: ImportedName[] = [];
    while (i < b) {
      if (L.isOp(i, '*')) names.push({ name: '*', ...this.position(L.start[i]!, L.end[i]!) });
      else if (L.kind[i] === NAME) {
        const name: ImportedName = { name: L.tokenText(i), ...this.position(L.start[i]!, L.end[i]!) };
        if (L.isName(i + 1, 'as') && L.kind[i + 2] === NAME) {
          name.asname = L.tokenText(i + 2);
          i += 2;
        }
        names.push(name);
        if (this.moduleScope) this.bindings.add(name.asname ?? name.name);
      }
      i++;
      while (i < b && (L.isOp(i, ',') || L.isOp(i, ')'))) i++;
    }
    moduleAt.line = this.position(L.start[a]!, L.start[a]!).line;
    this.addImport({ kind: 'from', module: dotted?.name ?? '', level, at: moduleAt, names, context: this.top?.flags ?? 0 });
  }

  /** Line and UTF-16 columns of [start, end), which must be on one line. */
  private position(start: number, end: number): Position {
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

