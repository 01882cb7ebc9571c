"""bad() announces a frame of a terabyte, then waits."""
import time
import raw_frames


def oversized(message):
    raw_frames.write_raw(b"Content-Length: 1099511627776\r\n\r\n")
    time.sleep(60)


raw_frames.serve(oversized)
