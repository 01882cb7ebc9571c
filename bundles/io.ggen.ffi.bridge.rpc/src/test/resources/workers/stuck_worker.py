"""bad() makes the worker stop reading its input for a minute (its pipe fills up), without answering."""
import time
import raw_frames


def stuck(message):
    time.sleep(60)


raw_frames.serve(stuck)
