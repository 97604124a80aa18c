#!/usr/bin/env python3
"""Draws the app icons: white 人大 on a red rounded square (`cargo tauri icon` is not needed).

    pip install pillow && python3 src-tauri/icons/make_icons.py

Writes 32x32.png, 128x128.png, 128x128@2x.png, icon.png (512) and icon.ico (16–256) next to
this script. Uses Noto Sans CJK Bold (Debian: fonts-noto-cjk); without a CJK font it draws a 人
from strokes so the script still works anywhere.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
RED = (200, 22, 29, 255)  # 中国红-like, readable at 16 px
RED_DARK = (160, 12, 18, 255)
WHITE = (255, 255, 255, 255)
MASTER = 1024  # drawn once, large, then downscaled with LANCZOS

FONT_CANDIDATES = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),  # index 2 = SC in Debian's ttc
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Black.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("C:/Windows/Fonts/msyhbd.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
]


def cjk_font(size):
    for path, index in FONT_CANDIDATES:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size, index=index)
            except OSError:
                continue
    return None


def rounded_square(size):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = size * 0.04
    radius = size * 0.2
    box = [margin, margin, size - margin, size - margin]
    d.rounded_rectangle(box, radius=radius, fill=RED_DARK)
    inner = [margin, margin, size - margin, size - margin - size * 0.02]
    d.rounded_rectangle(inner, radius=radius, fill=RED)
    return img, d


def master(text):
    img, d = rounded_square(MASTER)
    font = cjk_font(int(MASTER * (0.36 if len(text) > 1 else 0.62)))
    if font is None:
        # 人 from two strokes
        w = MASTER * 0.075
        d.line([(MASTER * 0.5, MASTER * 0.22), (MASTER * 0.26, MASTER * 0.78)], fill=WHITE, width=int(w))
        d.line([(MASTER * 0.47, MASTER * 0.36), (MASTER * 0.76, MASTER * 0.78)], fill=WHITE, width=int(w))
        return img
    left, top, right, bottom = d.textbbox((0, 0), text, font=font)
    x = (MASTER - (right - left)) / 2 - left
    y = (MASTER - (bottom - top)) / 2 - top
    d.text((x, y), text, font=font, fill=WHITE)
    return img


def main():
    big = master("人大")   # 64 px and up: both characters read well
    small = master("人")   # 16–48 px: one bold character instead of a smudge
    pick = lambda px: big if px >= 64 else small

    def at(px):
        return pick(px).resize((px, px), Image.LANCZOS)

    at(32).save(HERE / "32x32.png")
    at(128).save(HERE / "128x128.png")
    at(256).save(HERE / "128x128@2x.png")
    at(512).save(HERE / "icon.png")
    sizes = [16, 24, 32, 48, 64, 128, 256]
    ico_frames = [at(px) for px in sizes]
    ico_frames[-1].save(HERE / "icon.ico", format="ICO", sizes=[(s, s) for s in sizes], append_images=ico_frames[:-1])
    print("icons written to", HERE)


if __name__ == "__main__":
    main()
