"""A code analyzer written with the standard library's ast module.

Called from Java (or `ggen test-ffi python --module ast_analyzer --function analyze ...`) with the
source text of a Python program; returns a dict that crosses back as a Java Map:

    {'lines': 12, 'code_lines': 9, 'functions': [{'name': 'f', 'line': 3, 'args': ['a', 'b'], ...}],
     'classes': [{'name': 'C', 'line': 7, 'bases': ['Base'], 'methods': ['run']}],
     'imports': ['os', 'json.dumps'], 'calls': {'print': 2}, 'complexity': 3, 'sha256': '...'}

A source that does not parse gives {'error': 'SyntaxError', 'message': ..., 'line': n}.
"""
import ast
import hashlib
from collections import Counter
from dataclasses import dataclass, field, asdict

_BRANCHES = (ast.If, ast.For, ast.While, ast.Try, ast.With, ast.BoolOp, ast.IfExp, ast.comprehension,
             ast.AsyncFor, ast.AsyncWith, ast.Match)


@dataclass
class FunctionInfo:
    name: str
    line: int
    args: list = field(default_factory=list)
    is_async: bool = False
    decorators: list = field(default_factory=list)
    docstring: str = None


@dataclass
class ClassInfo:
    name: str
    line: int
    bases: list = field(default_factory=list)
    methods: list = field(default_factory=list)


def _name(node):
    """The dotted name of a Name/Attribute expression, else its source-like dump."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _name(node.value) + "." + node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return type(node).__name__


def _function(node):
    args = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
    if node.args.vararg:
        args.append("*" + node.args.vararg.arg)
    if node.args.kwarg:
        args.append("**" + node.args.kwarg.arg)
    return FunctionInfo(node.name, node.lineno, args, isinstance(node, ast.AsyncFunctionDef),
                        [_name(d) for d in node.decorator_list], ast.get_docstring(node))


def analyze(source):
    """Analyzes Python source text; returns a dict of plain values."""
    lines = source.splitlines()
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return {"error": "SyntaxError", "message": e.msg, "line": e.lineno}
    functions, classes, imports, calls = [], [], [], Counter()
    complexity = 1
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(_function(node))
        elif isinstance(node, ast.ClassDef):
            methods = [n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            classes.append(ClassInfo(node.name, node.lineno, [_name(b) for b in node.bases], methods))
        elif isinstance(node, ast.Import):
            imports.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imports.extend((node.module or ".") + "." + alias.name for alias in node.names)
        elif isinstance(node, ast.Call):
            calls[_name(node.func)] += 1
        if isinstance(node, _BRANCHES):
            complexity += 1
    return {
        "lines": len(lines),
        "code_lines": sum(1 for line in lines if line.strip() and not line.strip().startswith("#")),
        "functions": [asdict(f) for f in sorted(functions, key=lambda f: f.line)],
        "classes": [asdict(c) for c in sorted(classes, key=lambda c: c.line)],
        "imports": imports,
        "calls": dict(calls.most_common()),
        "complexity": complexity,
        "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
    }


def analyze_code(code):
    """The short entry point: a one-line summary of analyze()."""
    result = analyze(code)
    if "error" in result:
        return "SyntaxError at line %d: %s" % (result["line"], result["message"])
    return "%d lines, %d functions, %d classes, %d imports, complexity %d" % (
        result["lines"], len(result["functions"]), len(result["classes"]), len(result["imports"]),
        result["complexity"])
