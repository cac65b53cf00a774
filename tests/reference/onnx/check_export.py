"""Checks ONNX files with the format's own Python tooling (Debian's python3-onnx, 1.12 on Debian 12).

usage: python3 check_export.py FILE.onnx [FILE.onnx ...]

For each file: onnx.checker.check_model (full check), shape inference with strict mode, and the inferred shape of
every graph output printed beside the declared one; the metadata keys are listed. Exits 1 when a check fails.
"""
import sys

import onnx
from onnx import shape_inference


def dims(value):
    return [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    declared = {o.name: dims(o) for o in model.graph.output}
    known = {v.name: dims(v) for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
    opset = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    print(f"{path}: onnx {onnx.__version__} check_model ok, shape inference ok; IR {model.ir_version}, opset {opset}, "
          f"{len(model.graph.node)} nodes, {len(inferred.graph.value_info)} inferred values")
    for name, shape in declared.items():
        print(f"  output {name}: declared {shape}, inferred {known.get(name)}")
    print("  metadata: " + ", ".join(p.key for p in model.metadata_props))


def main(paths):
    failed = 0
    for path in paths:
        try:
            check(path)
        except Exception as e:  # report every file, then fail
            failed += 1
            print(f"{path}: FAILED: {type(e).__name__}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
