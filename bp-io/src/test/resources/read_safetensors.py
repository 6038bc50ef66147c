"""Reads a safetensors file with the Python standard library only, following the format's
specification (8-byte little-endian header length, JSON header, little-endian tensor bytes), and
prints each tensor as name, shape and values, one per line. An independent reader of backprop's model
files for ModelFileTest."""
import json
import struct
import sys

with open(sys.argv[1], "rb") as f:
    blob = f.read()
(n,) = struct.unpack("<Q", blob[:8])
header = json.loads(blob[8:8 + n])
data = blob[8 + n:]
meta = header.pop("__metadata__", {})
print("format", meta.get("format"), meta.get("format_version"), meta.get("dtype"))
for name in sorted(header):
    t = header[name]
    start, end = t["data_offsets"]
    code, size = {"F32": ("f", 4), "F64": ("d", 8)}[t["dtype"]]
    count = (end - start) // size
    values = struct.unpack("<%d%s" % (count, code), data[start:end])
    print(name, "x".join(str(d) for d in t["shape"]), " ".join(repr(float(v)) for v in values))
