"""A minimal platform side for tests: starts a worker, writes frames, reads frames."""
import json
import queue
import subprocess
import threading


def encode_frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def notification_frame(method, params=None):
    message = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    return encode_frame(message)


def read_frames(rfile, sink):
    while True:
        length = None
        while True:
            line = rfile.readline()
            if not line:
                sink.put(None)
                return
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        sink.put(json.loads(rfile.read(length)))


class WorkerProcess:
    def __init__(self, argv, env=None):
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=env)
        self.messages = queue.Queue()
        self.pending = {}
        self.next_id = 0
        threading.Thread(target=read_frames, args=(self.process.stdout, self.messages), daemon=True).start()
        self.stderr_lines = []
        self.stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self.stderr_reader.start()

    def _drain_stderr(self):
        for line in self.process.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    def stderr(self):
        """What the worker wrote to stderr; complete once the process has exited."""
        if self.process.poll() is not None:
            self.stderr_reader.join(5)
        return "".join(self.stderr_lines)

    def write_raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        self.write_raw(encode_frame(message))

    def request(self, method, params=None):
        request_id, frame = self.request_frame(method, params)
        self.write_raw(frame)
        return request_id

    def request_frame(self, method, params=None):
        """A request with the next id, for the caller to write (with others in one write)."""
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        return self.next_id, encode_frame(message)

    def notify(self, method, params=None):
        self.write_raw(notification_frame(method, params))

    def next_message(self, timeout=10):
        message = self.messages.get(timeout=timeout)
        if message is None:
            raise EOFError("worker closed stdout; stderr: " + self.stderr())
        return message

    def response(self, request_id, timeout=10):
        while request_id not in self.pending:
            message = self.next_message(timeout)
            self.pending[message.get("id")] = message
        return self.pending.pop(request_id)

    def roundtrip(self, method, params=None):
        return self.response(self.request(method, params))

    def call(self, function, *args):
        return self.roundtrip("call", {"function": function, "args": list(args)})

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass
