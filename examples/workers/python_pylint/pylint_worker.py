"""Example worker: lints Python source text with pylint (run in-process) and returns its messages.

Needs a Python that imports pylint (Debian: apt-get install pylint, then /usr/bin/python3).
"""
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "sdk", "python"))
from ggen_worker import Worker  # noqa: E402

from pylint.lint import Run  # noqa: E402
from pylint.reporters import JSONReporter  # noqa: E402

w = Worker("pylint")


@w.function
def lint(source: str, disable: str = "") -> list:
    """Lints source; returns [{line, column, symbol, messageId, message, type}] in pylint's order.
    disable: pylint's --disable list, e.g. "C0114,C0116"."""
    with tempfile.TemporaryDirectory(prefix="ggen-pylint-") as folder:
        path = os.path.join(folder, "snippet.py")
        with open(path, "w", encoding="utf-8") as file:
            file.write(source)
        out = io.StringIO()
        args = ["--persistent=n", "--score=n", path]
        if disable:
            args.insert(0, "--disable=" + disable)
        Run(args, reporter=JSONReporter(out), exit=False)
    return [{"line": m["line"], "column": m["column"], "symbol": m["symbol"],
             "messageId": m["message-id"], "message": m["message"],
             "type": m["type"]} for m in json.loads(out.getvalue() or "[]")]


@w.function
def version() -> str:
    import pylint
    return pylint.__version__


if __name__ == "__main__":
    w.serve()
