"""bad() writes text that is not a frame to stdout, then waits."""
import time
import raw_frames


def garbage(message):
    raw_frames.write_raw(b"hello from a print() that went to stdout\n")
    time.sleep(60)


raw_frames.serve(garbage)
