"""Exports yolo11n with the fixture weights through the reference's own ONNX exporter.

usage: PYTHONPATH=<ultralytics 8.4.50 tree> YOLO_CONFIG_DIR=$(mktemp -d) python3 export_reference.py OUT_DIR [MODEL]

Writes OUT_DIR/yolo11n-ref.onnx (1x3x640x640) and OUT_DIR/yolo11n-ref-dynamic.onnx (dynamic batch and size), both
opset 17 without the onnxslim pass (not installable here), from tests/reference/fixtures/yolo11n-seed0.weights.safetensors,
with SPPF.cv1 activated as in the released YOLO11 checkpoints (see below). With MODEL (yolo11s, say), writes
OUT_DIR/MODEL-ref.onnx from the reference's own seeded initialisation instead: for speed comparisons, not outputs.
"""
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import torch

from ultralytics import YOLO

HERE = Path(__file__).resolve().parent
WEIGHTS = HERE.parent / "fixtures" / "yolo11n-seed0.weights.safetensors"
DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64}


def read_safetensors(path):
    """The tensors of a safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[base + begin : base + end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def main(out_dir, name=None):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = YOLO(f"{name or 'yolo11n'}.yaml")
    if name is None:
        state = read_safetensors(WEIGHTS)
        missing, unexpected = model.model.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise SystemExit(f"weights do not match: missing {missing}, unexpected {unexpected}")
    # 8.4.50 builds SPPF.cv1 without an activation; every released YOLO11 checkpoint (and YoloGen's yolo11n, which
    # follows 8.3.0) applies SiLU there, and the 8.4.50 loader keeps it for them. Match that structure.
    sppf = model.model.model[9]
    sppf.cv1.act = torch.nn.SiLU()
    model.model.float()
    files = ((False, f"{name}-ref.onnx"),) if name else ((False, "yolo11n-ref.onnx"), (True, "yolo11n-ref-dynamic.onnx"))
    for dynamic, file in files:
        f = model.export(format="onnx", imgsz=640, opset=17, simplify=False, dynamic=dynamic, device="cpu")
        shutil.move(f, out / file)
        print(out / file)


if __name__ == "__main__":
    main(*sys.argv[1:3])
