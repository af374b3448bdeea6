"""Reference extractor: the same import records and module-level names as groundwork's scanner,
computed with Python's own `ast`. Reads file paths on stdin, writes one JSON object per line."""
import ast
import json
import sys

F, T, G, C = 1, 2, 4, 8
GUARDS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def flags_text(flags):
    return "".join(letter for bit, letter in ((F, "F"), (T, "T"), (G, "G"), (C, "C")) if flags & bit) or "-"


def is_type_checking(test):
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING" and isinstance(test.value, ast.Name)


def catches_import_error(handler):
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for k in kinds:
        name = k.id if isinstance(k, ast.Name) else k.attr if isinstance(k, ast.Attribute) else None
        if name in GUARDS:
            return True
    return False


def target_names(node, out):
    if isinstance(node, ast.Name):
        out.append(node.id)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for e in node.elts:
            target_names(e, out)
    elif isinstance(node, ast.Starred):
        target_names(node.value, out)


class Extractor:
    def __init__(self, stub):
        self.stub = stub
        self.records = []
        self.bindings = set()

    def walk(self, node, flags, module):
        if isinstance(node, ast.Import):
            for a in node.names:
                self.records.append(f"{node.lineno} import {a.name} as {a.asname or '-'} {flags_text(flags)}")
                if module:
                    self.bindings.add(a.asname or a.name.split(".")[0])
            return
        if isinstance(node, ast.ImportFrom):
            names = ",".join(f"{a.name} as {a.asname}" if a.asname else a.name for a in node.names)
            self.records.append(f"{node.lineno} from {'.' * node.level}{node.module or ''} [{names}] {flags_text(flags)}")
            if module:
                for a in node.names:
                    if a.name != "*":
                        self.bindings.add(a.asname or a.name)
            return
        if isinstance(node, ast.Call):
            self.call(node, flags)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if module:
                self.bindings.add(node.name)
            for d in node.decorator_list:
                self.walk(d, flags, module)
            if isinstance(node, ast.ClassDef):
                for e in node.bases + [k.value for k in node.keywords]:
                    self.walk(e, flags, module)
                for s in node.body:
                    self.walk(s, flags, False)
            else:
                self.walk(node.args, flags, module)
                if node.returns:
                    self.walk(node.returns, flags, module)
                for s in node.body:
                    self.walk(s, flags | F, False)
            return
        if isinstance(node, ast.If):
            self.walk(node.test, flags, module)
            for s in node.body:
                self.walk(s, flags | (T if is_type_checking(node.test) else C), module)
            for s in node.orelse:
                self.walk(s, flags | C, module)
            return
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            if module and not isinstance(node, ast.While):
                out = []
                target_names(node.target, out)
                self.bindings.update(out)
            for field in ("target", "iter", "test"):
                if hasattr(node, field):
                    self.walk(getattr(node, field), flags, module)
            for s in node.body + node.orelse:
                self.walk(s, flags | C, module)
            return
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            guarded = any(catches_import_error(h) for h in node.handlers)
            for s in node.body:
                self.walk(s, flags | (G if guarded else 0), module)
            for h in node.handlers:
                if h.type:
                    self.walk(h.type, flags, module)
                for s in h.body:
                    self.walk(s, flags | C, module)
            for s in node.orelse + node.finalbody:
                self.walk(s, flags, module)
            return
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                self.walk(item.context_expr, flags, module)
                if module and isinstance(item.optional_vars, ast.Name):
                    self.bindings.add(item.optional_vars.id)
            for s in node.body:
                self.walk(s, flags, module)
            return
        if isinstance(node, ast.Match):
            self.walk(node.subject, flags, module)
            for case in node.cases:
                for s in case.body:
                    self.walk(s, flags | C, module)
            return
        if module:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    out = []
                    target_names(t, out)
                    self.bindings.update(out)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                self.bindings.add(node.target.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.simple and (node.value is not None or self.stub):
                self.bindings.add(node.target.id)
            elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                self.bindings.add(node.target.id)
        if isinstance(node, ast.Global):
            self.bindings.update(node.names)
        for child in ast.iter_child_nodes(node):
            self.walk(child, flags, module)

    def call(self, node, flags):
        f = node.func
        named = isinstance(f, ast.Name) and f.id == "import_module"
        attr = isinstance(f, ast.Attribute) and f.attr == "import_module" and isinstance(f.value, ast.Name) and f.value.id == "importlib"
        if not (named or attr) or not node.args:
            return
        a = node.args[0]
        if isinstance(a, ast.Constant) and isinstance(a.value, str) and "\\" not in ast.get_source_segment(self.source, a) and ast.get_source_segment(self.source, a)[:1] in "'\"":
            self.records.append(f"{node.lineno} dynamic {a.value} {flags_text(flags)}")


def main():
    for path in sys.stdin.read().split("\n"):
        if not path:
            continue
        try:
            with open(path, "rb") as fh:
                source = fh.read().decode("utf-8")
            tree = ast.parse(source, filename=path)
            ex = Extractor(path.endswith(".pyi"))
            ex.source = source
            for s in tree.body:
                ex.walk(s, 0, True)
            print(json.dumps({"path": path, "imports": sorted(ex.records), "bindings": sorted(ex.bindings)}))
        except (SyntaxError, ValueError, RecursionError, MemoryError, UnicodeDecodeError) as e:
            print(json.dumps({"path": path, "error": f"{type(e).__name__}: {e}"}))


if __name__ == "__main__":
    main()
