"""Describes its functions by hand: the old way (names only) next to the signature member, some of it missing."""
import raw_frames

raw_frames.serve(lambda message: None, functions=[
    "bare",
    {"name": "ok", "params": ["text", "count"], "returns": "str"},
    {"name": "bad", "params": ["x"], "returns": "int",
     "signature": {"params": [{"name": "x", "type": "list<int>", "optional": False}, {"type": "string", "optional": True},
                              {"name": "flag"}],
                   "returns": "optional<int>", "doc": "Fails on purpose.", "variadic": True}},
    {"name": "odd", "signature": "not an object"},
])
