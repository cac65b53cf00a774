"""Per-module numeric fixtures for the v3/v5/v6/v8/v9 runtime modules, from the reference (Ultralytics 8.4.50).

usage: PYTHONPATH=<dir holding ultralytics 8.4.50> YOLO_CONFIG_DIR=$(mktemp -d) /usr/bin/python3 make_fixtures.py OUT.safetensors
(Debian 12's python3-torch 1.13; setting the reference up: ../README.md)

Each case builds one reference module under torch.manual_seed(case index), sets every BatchNorm2d as the reference's
model builder does (eps 1e-3, momentum 0.03) with seeded statistics, rounds every floating tensor to float16 (so the
values are exact in any wider type), and records in float64:
  <case>.w.<key>   the state dict (F16; num_batches_tracked I64)
  <case>.in[.i]    the input(s) (F64, float16-exact values, 1 x c x 6 x 6 unless the case says otherwise)
  <case>.eval[.i]  eval-mode output(s) of module.double()
  <case>.train[.i] train-mode output(s) (batch statistics) of a copy, where the module has a BatchNorm
  <case>.fused[.i] eval-mode output(s) after the reference's fuse (Conv + BN folding, RepConv.fuse_convs)
  <case>.gradin[.i] the gradient of 0.5 * sum(output^2) (over all outputs) with respect to the input(s), in train mode
Outputs that are lists are numbered. The metadata lists the cases and, for cases built under a model file's
`activation:` (the reference's Conv.default_act), that text. Deterministic: same file on every run (torch 1.13 CPU).
"""

import copy
import json
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

from ultralytics.nn.modules import block, conv
from ultralytics.utils.torch_utils import fuse_conv_and_bn

ACTIVATIONS = [
    "nn.SiLU()", "nn.ReLU()", "nn.ReLU6()", "nn.Hardswish()", "nn.Hardsigmoid()", "nn.GELU()",
    "nn.GELU(approximate='tanh')", "nn.Sigmoid()", "nn.Tanh()", "nn.Mish()", "nn.SELU()", "nn.Identity()",
    "nn.LeakyReLU(0.1)", "nn.ELU(0.5)", "nn.CELU(0.7)",
]


def x(c, h=6, w=6, n=1):
    return torch.rand(n, c, h, w)


# name, constructor, inputs (a callable returning the forward's arguments), default activation text or None
CASES = [
    ("SPP", lambda: block.SPP(8, 6), lambda: [x(8)]),
    ("SPP.k357", lambda: block.SPP(8, 6, (3, 5, 7)), lambda: [x(8)]),
    ("MaxPool2d.k2s2", lambda: nn.MaxPool2d(2, 2, 0), lambda: [x(3)]),
    ("MaxPool2d.k2s1", lambda: nn.MaxPool2d(2, 1, 0), lambda: [x(3)]),
    ("MaxPool2d.k3s2p1ceil", lambda: nn.MaxPool2d(3, 2, 1, 1, False, True), lambda: [x(3, 7, 7)]),
    ("ZeroPad2d.list", lambda: nn.ZeroPad2d([0, 1, 0, 1]), lambda: [x(3)]),
    ("ZeroPad2d.int", lambda: nn.ZeroPad2d(1), lambda: [x(3)]),
    ("ConvTranspose2d", lambda: nn.ConvTranspose2d(6, 6, 2, 2, 0), lambda: [x(6)]),
    ("ConvTranspose2d.grouped", lambda: nn.ConvTranspose2d(6, 4, 3, 2, 1, 1, 2, True, 1), lambda: [x(6)]),
    ("ConvTranspose2d.nobias", lambda: nn.ConvTranspose2d(6, 4, 2, 2, 0, 0, 1, False), lambda: [x(6)]),
    ("Identity", lambda: nn.Identity(), lambda: [x(3)]),
    ("C2", lambda: block.C2(8, 8, 2), lambda: [x(8)]),
    ("C2.noshortcut", lambda: block.C2(8, 12, 1, False), lambda: [x(8)]),
    ("GhostConv", lambda: conv.GhostConv(8, 12, 3, 2), lambda: [x(8)]),
    ("GhostConv.noact", lambda: conv.GhostConv(8, 8, 1, 1, 1, False), lambda: [x(8)]),
    ("GhostBottleneck", lambda: block.GhostBottleneck(8, 8), lambda: [x(8)]),
    ("GhostBottleneck.s2", lambda: block.GhostBottleneck(8, 12, 3, 2), lambda: [x(8)]),
    ("C3Ghost", lambda: block.C3Ghost(8, 8, 2), lambda: [x(8)]),
    ("RepConv", lambda: conv.RepConv(8, 6), lambda: [x(8)]),
    ("RepConv.bn", lambda: conv.RepConv(8, 8, bn=True), lambda: [x(8)]),
    ("RepConv.bn.g2", lambda: conv.RepConv(8, 8, g=2, bn=True), lambda: [x(8)]),
    ("RepConv.s2.noact", lambda: conv.RepConv(8, 6, 3, 2, act=False), lambda: [x(8)]),
    ("RepBottleneck", lambda: block.RepBottleneck(8, 8), lambda: [x(8)]),
    ("RepCSP", lambda: block.RepCSP(8, 8, 2), lambda: [x(8)]),
    ("RepNCSPELAN4", lambda: block.RepNCSPELAN4(8, 12, 8, 4, 2), lambda: [x(8)]),
    ("ELAN1", lambda: block.ELAN1(8, 12, 8, 4), lambda: [x(8)]),
    ("AConv", lambda: block.AConv(8, 6), lambda: [x(8)]),
    ("ADown", lambda: block.ADown(8, 6), lambda: [x(8)]),
    ("ADown.odd", lambda: block.ADown(8, 6), lambda: [x(8, 7, 9)]),
    ("SPPELAN", lambda: block.SPPELAN(8, 6, 4), lambda: [x(8)]),
    ("CBLinear", lambda: block.CBLinear(8, [2, 4, 3]), lambda: [x(8)]),
    ("CBLinear.k3s2", lambda: block.CBLinear(8, [2, 4], 3, 2), lambda: [x(8)]),
    # CBFuse: two lists of maps and the last map; nearest resizing down (8 -> 4), up (2 -> 4) and by a non-integer ratio (3 -> 4)
    ("CBFuse", lambda: block.CBFuse([1, 0, 2]), lambda: [[x(2, 2, 2), x(3, 8, 8)], [x(3, 2, 2)], [x(1), x(1), x(3, 3, 3)], x(3, 4, 4)]),
    # the file-wide default activation reaches nested Convs
    ("GhostBottleneck.relu", lambda: block.GhostBottleneck(8, 8), lambda: [x(8)], "nn.ReLU()"),
    ("RepNCSPELAN4.relu", lambda: block.RepNCSPELAN4(8, 8, 8, 4, 1), lambda: [x(8)], "nn.ReLU()"),
] + [(f"Conv.act{i}", lambda: conv.Conv(3, 3, 3), lambda: [x(3)], a) for i, a in enumerate(ACTIVATIONS)]


def round16(t):
    return t.to(torch.float16).to(t.dtype)


def init(module, gen):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(round16(p))
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eps, m.momentum = 1e-3, 0.03
                c = m.num_features
                u = [torch.rand(c, generator=gen) for _ in range(4)]
                m.weight.copy_(round16(0.5 + u[0]))
                m.bias.copy_(round16(u[1] - 0.5))
                m.running_mean.copy_(round16(0.2 * (u[2] - 0.5)))
                m.running_var.copy_(round16(0.5 + u[3]))
                m.num_batches_tracked.fill_(1)


def fuse(module):
    """The reference's BaseModel.fuse loop, on one module."""
    for m in module.modules():
        if isinstance(m, conv.Conv) and hasattr(m, "bn"):
            m.conv = fuse_conv_and_bn(m.conv, m.bn)
            delattr(m, "bn")
            m.forward = m.forward_fuse
        if isinstance(m, conv.RepConv):
            m.fuse_convs()
            m.forward = m.forward_fuse
    return module


def input_gradients(model, args):
    """d(0.5 * sum of squared outputs)/d(inputs) through a train-mode copy (batch statistics, as in training)."""
    leaves = [[t.clone().requires_grad_() for t in a] if isinstance(a, list) else a.clone().requires_grad_() for a in args]
    trained = copy.deepcopy(model).train()
    outputs = trained(leaves) if isinstance(trained, block.CBFuse) else trained(*leaves)
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    sum(0.5 * (o * o).sum() for o in outputs).backward()
    grad = lambda t: t.grad if t.grad is not None else torch.zeros_like(t)  # an input the output does not use
    grads = [[grad(t) for t in a] if isinstance(a, list) else grad(a) for a in leaves]
    return grads if len(grads) > 1 else grads[0]


def flatten(prefix, value, out):
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            flatten(f"{prefix}.{i}", v, out)
    else:
        out[prefix] = value.detach().to(torch.float64).contiguous()


def to_double(value):
    if isinstance(value, (list, tuple)):
        return [to_double(v) for v in value]
    return round16(value).to(torch.float64)


def main(path):
    torch.set_num_threads(2)
    tensors = {}
    cases, activations = [], {}
    for index, case in enumerate(CASES):
        name, make, inputs = case[:3]
        act = case[3] if len(case) > 3 else None
        torch.manual_seed(index)
        saved = conv.Conv.default_act
        if act:
            conv.Conv.default_act = eval(act)
        try:
            module = make()
        finally:
            conv.Conv.default_act = saved
        init(module, torch.Generator().manual_seed(1000 + index))
        args = to_double(inputs())
        for key, value in module.state_dict().items():
            tensors[f"{name}.w.{key}"] = value.to(torch.float16) if value.is_floating_point() else value
        flatten(f"{name}.in", args if len(args) > 1 else args[0], tensors)

        model = module.double().eval()
        call = (lambda m: m(args)) if isinstance(model, block.CBFuse) else (lambda m: m(*args))
        with torch.no_grad():
            flatten(f"{name}.eval", call(model), tensors)
            if any(isinstance(m, nn.BatchNorm2d) for m in model.modules()):
                flatten(f"{name}.train", call(copy.deepcopy(model).train()), tensors)
                flatten(f"{name}.fused", call(fuse(copy.deepcopy(model))), tensors)
        flatten(f"{name}.gradin", input_gradients(model, args), tensors)
        cases.append(name)
        if act:
            activations[name] = act
    write(path, tensors, {"cases": json.dumps(cases), "activations": json.dumps(activations),
                          "reference": "ultralytics 8.4.50", "torch": torch.__version__})


def write(path, tensors, metadata):
    codes = {torch.float16: "F16", torch.float64: "F64", torch.int64: "I64", torch.float32: "F32"}
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().numpy().tobytes() if t.dim() else np.array(t.item(), dtype=t.numpy().dtype).tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


if __name__ == "__main__":
    main(sys.argv[1])
