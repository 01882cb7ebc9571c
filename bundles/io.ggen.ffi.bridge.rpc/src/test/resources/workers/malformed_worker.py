"""bad() answers with a well-framed body that is not JSON."""
import raw_frames


def malformed(message):
    body = b'{"jsonrpc": "2.0", "id": ' + str(message["id"]).encode() + b', "result": [1, 2'
    raw_frames.write_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)


raw_frames.serve(malformed)
