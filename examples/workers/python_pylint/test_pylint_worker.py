"""Drives pylint_worker.py as a real worker process over real frames."""
import json
import os
import subprocess
import sys
import unittest

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pylint_worker.py")


def frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frame(stream):
    length = None
    while True:
        line = stream.readline().strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


class PylintWorkerTest(unittest.TestCase):
    def test_lint_finds_the_unused_import(self):
        process = subprocess.Popen([sys.executable, WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.addCleanup(process.wait)
        self.addCleanup(process.kill)
        process.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "call",
                                   "params": {"function": "lint", "args": ["import os\n"]}}))
        process.stdin.flush()
        response = read_frame(process.stdout)
        messages = response["result"]
        unused = [m for m in messages if m["symbol"] == "unused-import"]
        self.assertEqual(1, len(unused), messages)
        self.assertEqual({"line": 1, "column": 0, "symbol": "unused-import", "messageId": "W0611",
                          "message": "Unused import os",
                          "type": "warning"}, unused[0])
        process.stdin.close()
        self.assertEqual(0, process.wait(10))


if __name__ == "__main__":
    unittest.main()
