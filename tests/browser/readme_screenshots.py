"""Copy four of `make screenshots`' PNGs into docs/screenshots/ for README, cut to the first
screen and a half so they show what a person sees on opening the page."""

import sys
from pathlib import Path

from PIL import Image

SHOTS = {
    "resident-phone.png": "disclosure-phone-normal.png",
    "resident-phone-elder.png": "home-phone-elder.png",
    "committee-review.png": "journey-committee-committee1-review.png",
    "editor-submit.png": "journey-editor-4-filled.png",
}
MAX_HEIGHT = 1400  # CSS pixels: about one and a half phone screens


def main(source, target):
    target.mkdir(parents=True, exist_ok=True)
    for name, shot in SHOTS.items():
        with Image.open(source / shot) as image:
            cut = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT)))
            cut.convert("RGB").quantize(colors=128).save(target / name, optimize=True)
        print(f"docs/screenshots/{name} ← screenshots/{shot}")


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "screenshots", root / "docs" / "screenshots")
