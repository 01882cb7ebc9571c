"""Starts, says so on stderr, and never answers initialize."""
import sys
import time

sys.stderr.write("silent worker up, not answering\n")
sys.stderr.flush()
time.sleep(60)
