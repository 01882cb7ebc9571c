"""bad() makes the worker stop reading its input for a minute (its pipe fills up), without answering."""
import sys
import time
import raw_frames


def stuck(message):
    sys.stderr.write("stuck in bad(), not reading\n")
    sys.stderr.flush()
    time.sleep(60)


raw_frames.serve(stuck)
