#!/usr/bin/env python3
"""Per-module forward fixtures for the YOLOv10, YOLO12 and YOLO26 blocks, from the reference (Ultralytics 8.4.50).

Writes blocks-v10-26.safetensors next to this script. For every case below, one standalone module is built from
the reference's own class with the listed positional arguments and:

  <case>.weights.<key>  its state dict, F16 (exactly the values every output was computed from; I64 counters)
  <case>.input          the input, F16-exact, stored as F16 (torch.manual_seed(1); torch.rand(shape))
  <case>.eval           the eval-mode output of the module in float64 (module.double(), input cast to double)
  <case>.train          the train-mode output in float64 (BatchNorm on the batch statistics, biased variance)

and the metadata entry <case> (JSON): module, args (the reference's positional arguments as given), all_args (the
same with the reference's defaults filled in), extra_args (trailing arguments of the C# constructor, after all_args,
that the reference has no parameter for: SPPF's cv1 activation), input shape,
and fused_keys, the state-dict keys after the reference's fuse() rule (Conv: BatchNorm folded into conv; RepVGGDW:
its own fuse()).

Reproducible: torch.manual_seed(0) before building each module (PyTorch's default initialisation, plus ABlock's own
truncated-normal one), then the model builder's initialize_weights (BatchNorm eps 1e-3, momentum 0.03); then BatchNorm values as for the model fixtures: from torch.Generator().manual_seed(1000), per
BatchNorm2d in named_modules() order, u1..u4 = torch.rand(C); mu, var = that BatchNorm's per-channel input mean and
biased variance during one eval forward of torch.rand(4, *shape[1:]) from torch.Generator().manual_seed(2000), with
the earlier BatchNorms already set; weight = 0.5 + u1, bias = u2 - 0.5, running_mean = mu + 0.2 (u3 - 0.5) sqrt(var),
running_var = var (0.5 + u4). A2C2f's gamma (0.01 at initialisation, which would hide the branch) is set to
0.5 + torch.rand(c2) from the same generator. Finally every float tensor is rounded to float16.

The 8.3 SPPF (SiLU after cv1) is 8.4.50's SPPF with cv1.act set back to SiLU, which the zoo README shows to
reproduce 8.3.0 exactly.

Run (see ../README.md for the reference set-up; the committed file was written with 2 threads — another thread
count moves the float64 outputs in their last bits, ~1e-15, far inside the tests' 1e-9):
  PYTHONPATH=<dir>/ul84 YOLO_CONFIG_DIR=$(mktemp -d) OMP_NUM_THREADS=2 /usr/bin/python3 tests/reference/zoo/modules/blocks-v10-26.py
"""
import copy
import inspect
import json
import os
import struct

import torch
from torch import nn

from ultralytics.nn.modules.block import A2C2f, AAttn, ABlock, C2fCIB, C3k2, CIB, PSA, RepVGGDW, SCDown, SPPF
from ultralytics.nn.modules.conv import Conv
from ultralytics.utils.torch_utils import fuse_conv_and_bn, initialize_weights

SHAPE = (2, 3, 4)  # batch, height, width (H != W so that a swapped reshape shows)


def sppf_83(*args):
    m = SPPF(*args)
    m.cv1.act = nn.SiLU()
    return m


# name: (module as the C# runtime names it, constructor, positional args, C#-only trailing args, input channels)
CASES = {
    "SPPF.v84_shortcut": ("SPPF", SPPF, [16, 16, 5, 3, True], [False], 16),
    "SPPF.v84_k3_n2": ("SPPF", SPPF, [16, 24, 3, 2], [False], 16),
    "SPPF.v83": ("SPPF", sppf_83, [16, 24, 5], [True], 16),
    "C3k2.attn": ("C3k2", C3k2, [16, 32, 1, True, 0.5, True], [], 16),
    "C3k2.attn_n2_no_shortcut": ("C3k2", C3k2, [32, 32, 2, False, 0.5, True, 1, False], [], 32),
    "C3k2.bottleneck_g2": ("C3k2", C3k2, [16, 32, 1, False, 0.5, False, 2, True], [], 16),
    "SCDown": ("SCDown", SCDown, [16, 32, 3, 2], [], 16),
    "PSA": ("PSA", PSA, [32, 32], [], 32),
    "CIB": ("CIB", CIB, [16, 16, True, 0.5, False], [], 16),
    "CIB.lk": ("CIB", CIB, [16, 16, True, 0.5, True], [], 16),
    "CIB.widen": ("CIB", CIB, [8, 16, True, 1.0, False], [], 8),
    "C2fCIB.lk": ("C2fCIB", C2fCIB, [16, 32, 2, True, True], [], 16),
    "C2fCIB": ("C2fCIB", C2fCIB, [32, 16, 1], [], 32),
    "RepVGGDW": ("RepVGGDW", RepVGGDW, [16], [], 16),
    "AAttn.area4": ("AAttn", AAttn, [32, 2, 4], [], 32),
    "AAttn.area1": ("AAttn", AAttn, [32, 1], [], 32),
    "ABlock": ("ABlock", ABlock, [32, 2, 1.2, 4], [], 32),
    "A2C2f.area4": ("A2C2f", A2C2f, [16, 32, 1, True, 4, False, 1.2, 1.0], [], 16),
    "A2C2f.residual": ("A2C2f", A2C2f, [32, 32, 1, True, 1, True, 1.2, 1.0], [], 32),
    "A2C2f.c3k": ("A2C2f", A2C2f, [16, 32, 1, False, -1, False, 2.0, 1.0, 2, False], [], 16),
}


def all_args(build, args):
    """The positional arguments with the reference's defaults filled in (the C#-only ones follow them)."""
    bound = inspect.signature(SPPF if build is sppf_83 else build).bind(*args)
    bound.apply_defaults()
    return list(bound.arguments.values())


def calibrate(module, c1):
    """Seeded BatchNorm values scaled to each BatchNorm's real input (the rule in the docstring)."""
    gen = torch.Generator().manual_seed(1000)
    x = torch.rand((4, c1) + SHAPE[1:], generator=torch.Generator().manual_seed(2000))
    module.eval()
    for _, bn in [(n, m) for n, m in module.named_modules() if isinstance(m, nn.BatchNorm2d)]:
        seen = {}
        hook = bn.register_forward_pre_hook(lambda m, inp: seen.setdefault("x", inp[0].detach()))
        with torch.no_grad():
            module(x)
        hook.remove()
        mu = seen["x"].mean((0, 2, 3))
        var = seen["x"].var((0, 2, 3), unbiased=False)
        u1, u2, u3, u4 = (torch.rand(bn.num_features, generator=gen) for _ in range(4))
        with torch.no_grad():
            bn.weight.copy_(0.5 + u1)
            bn.bias.copy_(u2 - 0.5)
            bn.running_mean.copy_(mu + 0.2 * (u3 - 0.5) * var.sqrt())
            bn.running_var.copy_(var * (0.5 + u4))
    if getattr(module, "gamma", None) is not None:
        with torch.no_grad():
            module.gamma.copy_(0.5 + torch.rand(module.gamma.shape[0], generator=gen))


def round_to_f16(module):
    with torch.no_grad():
        for t in list(module.parameters()) + list(module.buffers()):
            if t.is_floating_point():
                t.copy_(t.half().float())


def fuse(module):
    """The reference's BaseModel.fuse() rule for these blocks, applied to a standalone module."""
    for m in module.modules():
        if isinstance(m, Conv) and hasattr(m, "bn"):
            m.conv = fuse_conv_and_bn(m.conv, m.bn)
            delattr(m, "bn")
            m.forward = m.forward_fuse
        if isinstance(m, RepVGGDW):
            m.fuse()
            m.forward = m.forward_fuse
    return module


def main():
    tensors, metadata = {}, {}
    for name, (runtime_name, build, args, extra, c1) in CASES.items():
        torch.manual_seed(0)
        module = build(*args)
        initialize_weights(module)  # what the model builder does: BatchNorm eps 1e-3, momentum 0.03
        calibrate(module, c1)
        round_to_f16(module)
        torch.manual_seed(1)
        x = torch.rand((SHAPE[0], c1) + SHAPE[1:]).half()
        for key, value in module.state_dict().items():
            tensors[f"{name}.weights.{key}"] = value.half() if value.is_floating_point() else value
        tensors[f"{name}.input"] = x
        with torch.no_grad():
            tensors[f"{name}.eval"] = copy.deepcopy(module).double().eval()(x.double())
            tensors[f"{name}.train"] = copy.deepcopy(module).double().train()(x.double())
            fused = fuse(copy.deepcopy(module).double().eval())
            gap = (fused(x.double()) - tensors[f"{name}.eval"]).abs().max().item()
        metadata[name] = json.dumps({
            "module": runtime_name, "args": args, "all_args": all_args(build, args), "extra_args": extra,
            "input_shape": list(x.shape),
            "fused_keys": list(fused.state_dict().keys()), "reference_fused_vs_unfused": gap,
        })
        print(f"{name}: out {list(tensors[f'{name}.eval'].shape)}, |eval| max {tensors[f'{name}.eval'].abs().max():.3f}, "
              f"|train - eval| max {(tensors[f'{name}.train'] - tensors[f'{name}.eval']).abs().max():.3f}, fused gap {gap:.1e}")
    metadata["provenance"] = json.dumps({
        "ultralytics": __import__("ultralytics").__version__, "torch": torch.__version__, "threads": torch.get_num_threads(),
    })
    write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "blocks-v10-26.safetensors"), tensors, metadata)


def write_safetensors(path, tensors, metadata):
    codes = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.int64: "I64"}
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for key, t in tensors.items():
        data = t.detach().contiguous().cpu().numpy().tobytes()
        header[key] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)
    print(f"{path}: {len(tensors)} tensors, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
