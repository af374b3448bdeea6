/** Where an import sits, as bit flags: several can hold at once. */
export const IN_FUNCTION = 1;
/** In the true branch of `if TYPE_CHECKING:`: only type checkers run it. */
export const IN_TYPE_CHECKING = 2;
/** In the body of a `try` whose handlers catch ImportError (or ModuleNotFoundError, Exception, a bare except). */
export const GUARDED = 4;
/** Under if/elif/else, a loop, a match case or an except handler. */
export const CONDITIONAL = 8;
/** In the handler of an `except` that catches ImportError: the fallback that runs when the preferred import failed. */
export const IN_FALLBACK = 16;
/** Inside `with pytest.raises(…)` / `self.assertRaises(…)`: the statement is expected to fail. */
export const EXPECTS_FAILURE = 32;
/** Under `if os.path.exists(…)` (isfile, isdir, Path.exists …): the file the import needs may be absent on purpose. */
export const PATH_CHECK = 64;
/** In a test marked skip or xfail (`@pytest.mark.skip`, `@unittest.skip`, `@XFAIL` …): it does not run, or fails on purpose. */
export const SKIPPED = 128;
/** After an unconditional `raise`, `return` or skip (`self.skipTest(…)`, `pytest.skip(…)`) in the same block: it never runs. */
export const UNREACHABLE = 256;

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  endColumn: number;
}

export interface ImportedName extends Position {
  name: string;
  asname?: string;
}

/**
 * One imported module: `import a.b as c` (kind import), `from ..a import x, y` (kind from, one
 * record per statement), or a literal `importlib.import_module("a.b")` (kind dynamic).
 */
export interface ImportRecord {
  kind: 'import' | 'from' | 'dynamic';
  /** Dotted module name without the leading dots of a relative import; '' for `from . import x`. */
  module: string;
  /** Number of leading dots (0 = absolute). */
  level: number;
  /** Where the module name is written (the keyword for `from . import x`). */
  at: Position;
  /** `as` name of a plain import. */
  asname?: string;
  /** Names of a from-import; `*` for a star import. */
  names: ImportedName[];
  /** Bit set of IN_FUNCTION, IN_TYPE_CHECKING, GUARDED, CONDITIONAL. */
  context: number;
  /**
   * What a relative dynamic import is relative to: `__name__` (the module itself, which works only
   * for a package) or `__package__` (the package the module is in).
   */
  relativeTo?: 'module' | 'package';
}

export interface SyntaxProblem extends Position {
  message: string;
}

/** Everything the import check needs from one Python file; cached by content hash. */
export interface ScanResult {
  imports: ImportRecord[];
  /** Names bound at module scope (assignments, defs, classes, imports, loop and with targets, globals). */
  bindings: string[];
  /** Literal strings of `__all__` (assignment, +=, extend, append); undefined when there is none. */
  all?: string[];
  /** `__all__` is built in a way that cannot be read literally. */
  allDynamic: boolean;
  /** Why the module's names cannot be listed (module `__getattr__`, `globals()` writes …). */
  openReason?: string;
  /** The package changes its `__path__`, so its submodules cannot be listed either. */
  pathOpen: boolean;
  /** Modules injected with `sys.modules[...] =`; a leading '.' means relative to this module. */
  injected: string[];
  /** The module raises at its top level unconditionally (it cannot be imported on purpose). */
  raisesAtTopLevel: boolean;
  /** It writes into its callers' globals (`sys._getframe(1).f_globals[…] = …`): modules that use it have names no one can list. */
  writesCallerGlobals: boolean;
  /**
   * Attributes it sets on other objects, as written: `registry.Plugin` for `registry.Plugin = …`
   * at module level or `setattr(registry, "Plugin", …)` anywhere; `registry.*` for a computed name
   * (`setattr(mod, name, …)`, `vars(mod).update(…)`, `mod.__dict__.update(…)`).
   */
  attributeWrites: string[];
  /** The file holds `# groundwork:` directives (read again when findings are reported). */
  hasDirectives: boolean;
  /** Template placeholders (`${…}`) in a `.pyi.in` stub: its names are generated. */
  templated: boolean;
  problems: SyntaxProblem[];
}

export function contextLabel(context: number): string {
  if (context & UNREACHABLE) return 'after an unconditional raise, return or skip: it never runs';
  if (context & SKIPPED) return 'in a test marked skip or xfail';
  if (context & EXPECTS_FAILURE) return 'inside a raises(…) block that expects the failure';
  if (context & PATH_CHECK) return 'under a check that a file exists';
  if (context & GUARDED) return 'guarded by except ImportError';
  if (context & IN_FALLBACK) return 'the fallback in an except ImportError handler';
  if (context & IN_TYPE_CHECKING) return 'under TYPE_CHECKING';
  if (context & IN_FUNCTION) return 'inside a function';
  if (context & CONDITIONAL) return 'conditional';
  return 'module level';
}
