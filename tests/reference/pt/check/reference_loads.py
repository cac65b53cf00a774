"""Checks that a checkpoint written by YoloGen loads in the Python reference and gives the reference's outputs.

usage (after /work-style setup: /path/to/setup-reference.sh <fork git dir> <dir>, see tests/reference/pt/README.md):
  PYTHONPATH=<dir>/ul84 YOLO_CONFIG_DIR=$(mktemp -d) python3 reference_loads.py WRITTEN.pt EXPECTED.io.safetensors [ORIGINAL.pt]

1. YOLO(WRITTEN.pt) loads (the reference's own loader, no YoloGen code involved).
2. Its eval output on input.A equals A.eval.0 of EXPECTED.io.safetensors (written by the reference for the original
   checkpoint) within the float32 spread (boxes 0.25 px, scores 2e-3).
3. YOLO(...).predict on a synthetic image gives the same boxes as the original checkpoint (when ORIGINAL.pt is given).
Exit code 0 when every check passes.
"""
import json, struct, sys

import numpy as np
import torch
from ultralytics import YOLO


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        a, b = e["data_offsets"]
        dtype = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64}[e["dtype"]]
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype=dtype).reshape(e["shape"]).copy())
    return out


def main():
    written, io_file = sys.argv[1], sys.argv[2]
    original = sys.argv[3] if len(sys.argv) > 3 else None
    yolo = YOLO(written)
    print(f"loaded {written}: task {yolo.task}, {len(yolo.names)} names, {sum(p.numel() for p in yolo.model.parameters())} parameters")
    io = read_safetensors(io_file)
    model = yolo.model.float().eval()
    with torch.no_grad():
        y = model(io["input.A"])
    y = y[0] if isinstance(y, (list, tuple)) else y
    expected = io["A.eval.0"]
    boxes = (y[:, :4] - expected[:, :4]).abs().max().item()
    scores = (y[:, 4:] - expected[:, 4:]).abs().max().item()
    print(f"eval output vs reference: boxes {boxes:.3e} px, scores {scores:.3e}")
    ok = boxes <= 0.25 and scores <= 2e-3

    if original:
        rng = np.random.default_rng(0)
        image = (rng.random((320, 320, 3)) * 255).astype(np.uint8)
        a = YOLO(written).predict(image, imgsz=320, conf=0.001, verbose=False)[0].boxes
        b = YOLO(original).predict(image, imgsz=320, conf=0.001, verbose=False)[0].boxes
        same = a.xyxy.shape == b.xyxy.shape and (a.xyxy.numel() == 0 or (a.xyxy - b.xyxy).abs().max().item() <= 0.5)
        print(f"predict: {len(a)} boxes written vs {len(b)} original; same boxes: {same}")
        ok = ok and same
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
