import { NAME } from './lexer.js';
import type { ImportedName } from './records.js';
import { assignmentOps, augmentedOp, dottedName, findTopLevelOp, literalStrings, mentionsImportError, moduleKey, targetNames } from './scan-statements.js';

/**
 * Calls that fill the calling module's namespace from a foreign function interface at import time,
 * given `__name__`: TVM's `init_ffi_api("relax", __name__)`, DGL's and older TVM's `_init_api(…, __name__)`.
 */
const FFI_REGISTRATION = /^_?init_(?:ffi_)?api$|^register_ffi/i;
import { importedName, importRecord, ScanState } from './scan-state.js';

/** The statements that bind names or import modules: assignments, `__all__`, imports, dynamic imports, sys.modules. */
export class NameScanner extends ScanState {
  protected assignment(a: number, b: number): void {
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
    // An alias of ImportError is a short expression (`E = X if c else ImportError`); long values are not looked through.
    const value = eqs.length > 0 ? eqs[eqs.length - 1]! + 1 : end;
    const aliasesImportError = end - value <= 16 && mentionsImportError(L, value, end);
    for (const eq of eqs) {
      if (L.kind[start] === NAME && L.isOp(start + 1, '.')) {
        const target = dottedName(L, start, eq);
        if (target && target.next === eq) this.attributeWrites.push(target.name);
      }
      for (const name of targetNames(L, start, eq)) {
        this.bindings.add(name);
        if (aliasesImportError) this.importErrorAliases.add(name);
      }
      start = eq + 1;
    }
  }

  /** `__all__ = [...]`, `__all__ += [...]`, `__all__.extend([...])`, `__all__.append("x")`. */
  protected allStatement(a: number, b: number): void {
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
  protected expressions(a: number, b: number): void {
    if (!this.needsExpressions && !this.moduleScope && !this.L.markedCall) return;
    const L = this.L;
    for (let i = a; i < b; i++) {
      if (L.kind[i] !== NAME) continue;
      const first = L.text.charCodeAt(L.start[i]!);
      if (first === 105 && L.isName(i, 'import_module') && L.isOp(i + 1, '(')) this.dynamicImport(i);
      else if (first === 115 && L.isName(i, 'setattr') && L.isOp(i + 1, '(')) this.setattrCall(i + 2, b);
      else if (first === 118 && L.isName(i, 'vars') && L.isOp(i + 1, '(') && !L.isOp(i + 2, ')')) {
        const target = dottedName(L, i + 2, b);
        if (target && L.isOp(target.next, ')') && L.isOp(target.next + 1, '.') && L.isName(target.next + 2, 'update'))
          this.attributeWrites.push(`${target.name}.*`);
      } else if (
        first === 95 &&
        L.isName(i, '__dict__') &&
        i > a + 1 &&
        L.isOp(i - 1, '.') &&
        (L.isOp(i + 1, '[') || (L.isOp(i + 1, '.') && L.isName(i + 2, 'update')))
      ) {
        let s = i - 2;
        while (s > a + 1 && L.isOp(s - 1, '.') && L.kind[s - 2] === NAME) s -= 2;
        const target = dottedName(L, s, i - 1);
        if (target) this.attributeWrites.push(`${target.name}.*`);
      } else if ((first === 103 || first === 118 || first === 108) && this.isNamespaceCall(i)) {
        const call = L.tokenText(i);
        if (L.isOp(i + 3, '.') || assignmentOps(L, a, b).some((eq) => eq > i)) this.openReason ??= `it writes to ${call}()`;
        else if (i + 3 === b && i > a && L.isOp(i - 1, '=')) this.openReason ??= `it keeps ${call}() in a variable to write to it`;
      } else if (
        (first === 95 || first === 105 || first === 114) &&
        this.moduleScope &&
        L.isOp(i + 1, '(') &&
        L.end[i]! - L.start[i]! >= 8 &&
        FFI_REGISTRATION.test(L.tokenText(i)) &&
        this.passesName(i + 1, b)
      ) {
        this.openReason ??= `it registers names at run time (${L.tokenText(i)}(…, __name__))`;
      } else if (
        first === 95 &&
        L.isName(i, '__import__') &&
        L.isOp(i + 1, '(') &&
        L.stringValue(i + 2) === 'sys' &&
        L.isOp(i + 3, ')') &&
        L.isOp(i + 4, '.') &&
        L.isName(i + 5, 'modules')
      ) {
        this.sysModules(i + 6, a, b);
      } else if (
        first === 95 &&
        L.isName(i, '__path__') &&
        this.stack.every((s) => s.moduleScope) &&
        (L.isOp(i + 1, '=') || L.isOp(i + 1, '+=') || L.isOp(i + 1, '.'))
      ) {
        this.pathOpen = true;
      } else if (L.isOp(i + 1, ':=') && this.moduleScope) this.bindings.add(L.tokenText(i));
      else if (L.text.charCodeAt(L.end[i]! - 1) === 115 && L.tokenText(i).endsWith('sys') && L.isOp(i + 1, '.') && L.isName(i + 2, 'modules'))
        this.sysModules(i + 3, a, b);
    }
  }

  /**
   * `globals()` anywhere, and at module level `vars()` and `locals()` (there they are the module's
   * namespace), followed by `[` or `.`, or alone after `=`: the start of a write to the namespace.
   */
  private isNamespaceCall(i: number): boolean {
    const L = this.L;
    if (!L.isOp(i + 1, '(') || !L.isOp(i + 2, ')')) return false;
    if (!L.isName(i, 'globals') && !(this.moduleScope && (L.isName(i, 'vars') || L.isName(i, 'locals')))) return false;
    return L.isOp(i + 3, '[') || L.isOp(i + 3, '.') || L.isOp(i - 1, '=');
  }

  /** `setattr(target, "name", …)` or, with a computed name, `target.*`; `i` is the first argument. */
  private setattrCall(i: number, b: number): void {
    const L = this.L;
    const target = dottedName(L, i, b);
    if (!target || !L.isOp(target.next, ',')) return;
    const name = L.stringValue(target.next + 1);
    const literal = name !== undefined && /^[A-Za-z_]\w*$/.test(name) && (L.isOp(target.next + 2, ',') || L.isOp(target.next + 2, ')'));
    this.attributeWrites.push(`${target.name}.${literal ? name : '*'}`);
  }

  /** Whether the call whose `(` is at `open` passes `__name__` as an argument. */
  private passesName(open: number, b: number): boolean {
    const L = this.L;
    const depth = L.depth[open]!;
    for (let j = open + 1; j < b && L.depth[j]! > depth; j++) if (L.isName(j, '__name__') && L.depth[j] === depth + 1) return true;
    return false;
  }

  protected sysModules(i: number, a: number, b: number): void {
    const L = this.L;
    let key: { name: string; next: number } | undefined;
    if (L.isOp(i, '[')) {
      key = moduleKey(L, i + 1);
      if (!key) return;
      let close = key.next;
      while (close < b && !(L.isOp(close, ']') && L.depth[close] === L.depth[i])) close++;
      const assigned = assignmentOps(L, a, b).some((eq) => eq > close);
      if (key.name === '') {
        this.openReason ??= 'it changes its own module object through sys.modules[__name__]';
        // Replaced by another object: its submodules cannot be listed either.
        if (assigned) this.pathOpen = true;
        return;
      }
      if (close >= b || !assigned) return;
    } else if (L.isOp(i, '.') && L.isName(i + 1, 'setdefault') && L.isOp(i + 2, '(')) key = moduleKey(L, i + 3);
    if (key?.name) this.injected.push(key.name);
  }

  protected dynamicImport(i: number): void {
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
    const relativeTo = !L.isOp(i + 3, ',') ? undefined : L.isName(arg, '__name__') ? 'module' : L.isName(arg, '__package__') ? 'package' : undefined;
    const level = /^\.*/.exec(value)![0].length;
    const at = this.position(L.start[i + 2]!, L.end[i + 2]!);
    at.line = this.position(L.start[first]!, L.start[first]!).line;
    const record = importRecord('dynamic', value.slice(level), level, at, [], this.top?.flags ?? 0, undefined, relativeTo);
    this.addImport(record);
  }

  protected importStatement(a: number, b: number): void {
    const L = this.L;
    let i = a + 1;
    while (i < b) {
      const dotted = dottedName(L, i, b);
      if (!dotted) return this.invalidImport(a);
      const at = this.position(L.start[i]!, L.end[dotted.next - 1]!);
      i = dotted.next;
      let asname: string | undefined;
      if (L.isName(i, 'as') && L.kind[i + 1] === NAME) {
        asname = L.tokenText(i + 1);
        i += 2;
      }
      at.line = this.position(L.start[a]!, L.start[a]!).line;
      const record = importRecord('import', dotted.name, 0, at, [], this.top?.flags ?? 0, asname);
      this.addImport(record);
      if (this.moduleScope) this.bindings.add(record.asname ?? dotted.name.split('.')[0]!);
      if (!L.isOp(i, ',')) return;
      i++;
    }
  }

  /** An import statement that is not Python (a template's `import {{ module }}`): a problem, and no record. */
  protected invalidImport(a: number): void {
    this.structural.push({ offset: this.L.start[a]!, message: 'invalid syntax in an import statement' });
  }

  protected fromStatement(a: number, b: number): void {
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
      if (!(L.kind[i] === NAME || L.isOp(i, '*') || L.isOp(i, '(') || L.isOp(i, ')') || L.isOp(i, ','))) return this.invalidImport(a);
      if (L.isOp(i, '*')) names.push(importedName('*', undefined, this.position(L.start[i]!, L.end[i]!)));
      else if (L.kind[i] === NAME) {
        const at = this.position(L.start[i]!, L.end[i]!);
        const token = i;
        let asname: string | undefined;
        if (L.isName(i + 1, 'as') && L.kind[i + 2] === NAME) {
          asname = L.tokenText(i + 2);
          i += 2;
        }
        const name = importedName(L.tokenText(token), asname, at);
        names.push(name);
        if (this.moduleScope) this.bindings.add(name.asname ?? name.name);
      }
      i++;
      while (i < b && (L.isOp(i, ',') || L.isOp(i, ')'))) i++;
    }
    moduleAt.line = this.position(L.start[a]!, L.start[a]!).line;
    this.addImport(importRecord('from', dotted?.name ?? '', level, moduleAt, names, this.top?.flags ?? 0));
  }
}
