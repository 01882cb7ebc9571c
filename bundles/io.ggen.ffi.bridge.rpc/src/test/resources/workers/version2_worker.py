"""Says it speaks protocol version 2."""
import raw_frames

raw_frames.serve(lambda message: None, version=2)
