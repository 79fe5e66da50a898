"""Writes the Pillow reference outputs that lib/dreamsim/pil-bicubic-resize.test.ts compares with.

DreamSim pre-processes with torchvision's Resize((224, 224), BICUBIC) on a PIL image,
which calls Pillow's Image.resize(..., Resampling.BICUBIC). This script draws the fixed
pictures of lib/dreamsim/__fixtures__/fixture-images.ts, resizes each with Pillow and
saves the 8-bit result as a PNG (lossless).

    python3 tools/export-dreamsim/make_resize_fixtures.py   # needs Pillow and numpy
"""

from pathlib import Path

import numpy as np
from PIL import Image

SIZES = [(300, 200), (97, 61), (640, 150), (224, 224)]
OUT = Path(__file__).resolve().parents[2] / "lib" / "dreamsim" / "__fixtures__"


def fixture_pixel(x, y, channel, width, height):
    # Keep in step with fixturePixel() in fixture-images.ts.
    gradient = (x * 255 // width) * (1 if channel == 0 else 0) + (y * 255 // height) * (1 if channel == 1 else 0)
    block = 96 if ((x >> 4) ^ (y >> 4)) & 1 else 0
    texture = ((x * 7 + y * 3 * (channel + 1)) % 5) * 9
    return (gradient + block + texture + channel * 40) % 256


def fixture_image(width, height):
    pixels = np.zeros((height, width, 3), dtype=np.uint8)
    for y in range(height):
        for x in range(width):
            for c in range(3):
                pixels[y, x, c] = fixture_pixel(x, y, c, width, height)
    return Image.fromarray(pixels, "RGB")


def main():
    for width, height in SIZES:
        resized = fixture_image(width, height).resize((224, 224), Image.BICUBIC)
        path = OUT / f"pillow-bicubic-224-from-{width}x{height}.png"
        resized.save(path, optimize=True)
        print(f"{path.name}: Pillow {Image.__version__}")


if __name__ == "__main__":
    main()
