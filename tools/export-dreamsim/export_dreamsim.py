"""Exports DreamSim to ONNX for PreferThinker Studio's in-browser similarity checks.

Run it on your own machine (it downloads DreamSim's weights through DreamSim's own package):

    python -m venv .venv && . .venv/bin/activate
    pip install dreamsim torch torchvision onnx onnxruntime pillow numpy
    pip install onnxconverter-common            # only for --fp16
    python tools/export-dreamsim/export_dreamsim.py --variant dino_vitb16 --out public/models/dreamsim
    python tools/export-dreamsim/export_dreamsim.py --variant ensemble --out public/models/dreamsim

It writes <out>/manifest.json and <out>/<file>.onnx; restart the app and the assess page's
similarity panel finds them. What it does:

- loads DreamSim with its LoRA adapters and merges them into the ViT weights (peft's
  merge_and_unload), so the graph is a plain ViT;
- exports the embedding network from [0,1] pixels [batch,3,224,224] (dynamic batch) to the
  raw embedding [batch,D] (opset 17). Each branch's mean/std normalisation stays inside the
  graph (DreamSim applies it in its forward pass, and the ensemble's branches differ), so the
  manifest says "normalization": null and the browser only resizes and scales to [0,1];
- leaves DreamSim's embedding normalisation (mean subtracted, L2) to the browser, which does
  it on the parts the manifest lists; the script finds which layout (the whole vector, or
  each branch) reproduces the installed DreamSim's distances and writes that;
- checks, before it writes anything:
  1. ONNX Runtime's embeddings against PyTorch's on the demo images (relative error < 1e-3,
     or < 2e-2 for --fp16);
  2. the distances from the ONNX embeddings, post-processed as the browser does, against
     DreamSim's own model(a, b);
  3. for the ensemble, DreamSim's published demo distances: d(ref_1, img_a_1) = 0.424 and
     d(ref_1, img_b_1) = 0.34 (README, "run demo.py") within 0.005. Give the demo images with
     --demo-images (the images/ folder of DreamSim's repository); without them, check 3 is
     skipped and said so.
The pre-processing used for the checks is DreamSim's own: Pillow BICUBIC resize to 224x224,
ToTensor. The browser reproduces Pillow's resize exactly (lib/dreamsim/pil-bicubic-resize.ts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

README_DEMO_DISTANCES = {"ensemble": (0.424, 0.34)}
BRANCHES = {
    "ensemble": [("dino_vitb16", 768), ("clip_vitb16", 512), ("open_clip_vitb16", 512)],
    "dino_vitb16": [("dino_vitb16", 768)],
    "clip_vitb32": [("clip_vitb32", 512)],
    "open_clip_vitb32": [("open_clip_vitb32", 512)],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", choices=sorted(BRANCHES), default="dino_vitb16")
    parser.add_argument("--out", type=Path, default=Path("public/models/dreamsim"))
    parser.add_argument("--cache-dir", type=Path, default=Path(".dreamsim-weights"), help="where DreamSim keeps its downloaded weights")
    parser.add_argument("--fp16", action="store_true", help="store weights in float16 (inputs and outputs stay float32)")
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--demo-images", type=Path, help="DreamSim's images/ folder (ref_1.png, img_a_1.png, img_b_1.png)")
    return parser.parse_args()


def load_dreamsim(variant: str, cache_dir: Path):
    import torch
    from dreamsim import dreamsim

    kwargs = {"pretrained": True, "device": "cpu", "cache_dir": str(cache_dir), "normalize_embeds": True}
    if variant != "ensemble":
        kwargs["dreamsim_type"] = variant
    try:
        model, preprocess = dreamsim(**kwargs)
    except TypeError:
        if variant != "ensemble":
            sys.exit("This dreamsim package has no single-branch models: pip install -U dreamsim")
        kwargs.pop("dreamsim_type", None)
        model, preprocess = dreamsim(**kwargs)
    # Merge each branch's LoRA adapter into its ViT, so the exported graph has no adapter ops.
    for extractor in model.extractor_list:
        if hasattr(extractor.model, "merge_and_unload"):
            extractor.model = extractor.model.merge_and_unload()
    model.eval().requires_grad_(False)
    torch.set_grad_enabled(False)
    return model, preprocess


def make_raw_embedding(model):
    """The embedding network without DreamSim's final normalisation (the browser does that)."""
    import torch

    class RawEmbedding(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, pixels):
            was = self.model.normalize_embeds
            self.model.normalize_embeds = False
            try:
                embedding = self.model.embed(pixels)
            finally:
                self.model.normalize_embeds = was
            # embed() squeezes a batch of one; keep [batch, D] for every batch size.
            return embedding.reshape(pixels.shape[0], -1)

    return RawEmbedding().eval()


def export(module, path: Path, opset: int):
    import torch

    example = torch.rand(2, 3, 224, 224)
    options = dict(input_names=["pixels"], output_names=["embedding"], dynamic_axes={"pixels": {0: "batch"}, "embedding": {0: "batch"}}, opset_version=opset, do_constant_folding=True)
    try:
        torch.onnx.export(module, (example,), str(path), dynamo=False, **options)
    except TypeError:  # torch before 2.5 has no dynamo argument
        torch.onnx.export(module, (example,), str(path), **options)


def to_fp16(path: Path):
    import onnx
    from onnxconverter_common import float16

    model = float16.convert_float_to_float16(onnx.load(str(path)), keep_io_types=True)
    onnx.save(model, str(path))


def normalize(embedding: np.ndarray, parts: list[int]) -> np.ndarray:
    """As the browser does (lib/dreamsim/embedding-math.ts): each part mean-subtracted, L2-normalised."""
    out, offset = [], 0
    for size in parts:
        part = embedding[..., offset : offset + size]
        part = part - part.mean(axis=-1, keepdims=True)
        out.append(part / np.linalg.norm(part, axis=-1, keepdims=True))
        offset += size
    return np.concatenate(out, axis=-1)


def cosine_distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(1 - np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def demo_inputs(preprocess, folder: Path | None):
    """DreamSim's demo images when given, else three fixed synthetic pictures."""
    from PIL import Image

    if folder:
        names = ["ref_1.png", "img_a_1.png", "img_b_1.png"]
        return names, [preprocess(Image.open(folder / name)) for name in names]
    rng = np.random.default_rng(0)
    pictures = [Image.fromarray(rng.integers(0, 256, (180 + 40 * i, 240, 3), dtype=np.uint8)) for i in range(3)]
    return ["random-1", "random-2", "random-3"], [preprocess(p) for p in pictures]


def main():
    args = parse_args()
    import onnxruntime
    import torch

    model, preprocess = load_dreamsim(args.variant, args.cache_dir)
    module = make_raw_embedding(model)
    args.out.mkdir(parents=True, exist_ok=True)
    file_name = f"dreamsim-{args.variant}{'-fp16' if args.fp16 else ''}.onnx"
    path = args.out / f".{file_name}.partial"
    export(module, path, args.opset)
    if args.fp16:
        to_fp16(path)

    names, inputs = demo_inputs(preprocess, args.demo_images)
    batch = torch.cat(inputs)
    reference = module(batch).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    ours = session.run(["embedding"], {"pixels": batch.numpy()})[0]
    error = float(np.abs(ours - reference).max() / np.abs(reference).max())
    limit = 2e-2 if args.fp16 else 1e-3
    print(f"1. ONNX Runtime vs PyTorch embeddings: relative error {error:.2e} (limit {limit:g})")
    if error >= limit:
        sys.exit("   FAILED: the exported graph does not reproduce DreamSim's embeddings.")

    # Which layout of DreamSim's embedding normalisation this dreamsim version uses.
    sizes = [size for _, size in BRANCHES[args.variant]]
    if sum(sizes) != ours.shape[1]:
        sys.exit(f"   The embedding has {ours.shape[1]} numbers; {args.variant} should have {sum(sizes)}.")
    expected = [float(model(inputs[0], image)) for image in inputs[1:]]
    layouts = {"whole": [sum(sizes)], "per-branch": sizes}
    found = None
    for layout, parts in layouts.items():
        embedded = normalize(ours, parts)
        got = [cosine_distance(embedded[0], embedded[i]) for i in range(1, len(inputs))]
        if all(abs(g - e) < (5e-3 if args.fp16 else 1e-4) for g, e in zip(got, expected)):
            found = (layout, parts, got)
            break
    if not found:
        sys.exit(f"2. FAILED: no normalisation layout reproduces DreamSim's distances {expected}.")
    layout, parts, distances = found
    print(f"2. Distances as the browser computes them ({layout} normalisation): " + ", ".join(f"d({names[0]}, {names[i + 1]}) = {d:.4f}" for i, d in enumerate(distances)) + f"; DreamSim's own: {', '.join(f'{e:.4f}' for e in expected)}")

    published = README_DEMO_DISTANCES.get(args.variant)
    if published and args.demo_images:
        if not all(abs(d - p) < 5e-3 for d, p in zip(distances, published)):
            sys.exit(f"3. FAILED: DreamSim's README gives {published} for its demo images; this export gives {[round(d, 3) for d in distances]}.")
        print(f"3. DreamSim's README demo distances {published}: reproduced.")
    else:
        print("3. Skipped: " + ("no published demo distances for this variant." if not published else "give --demo-images to check DreamSim's README demo distances."))

    final = args.out / file_name
    path.replace(final)
    data = final.read_bytes()
    branch_names = [name for name, _ in BRANCHES[args.variant]]
    manifest = {
        "format": 1,
        "variant": args.variant,
        "isTestModel": False,
        "precision": "fp16" if args.fp16 else "fp32",
        "input": {"name": "pixels", "size": 224, "normalization": None},
        "output": {"name": "embedding", "branches": [{"name": "+".join(branch_names), "size": sum(sizes)}] if layout == "whole" else [{"name": n, "size": s} for n, s in BRANCHES[args.variant]]},
        "file": file_name,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"Wrote {final} ({len(data) / 1e6:.1f} MB) and {args.out / 'manifest.json'}. Restart the app to use it.")


if __name__ == "__main__":
    main()
