#!/usr/bin/env python3
"""Paints the inputs of the control examples in README: examples/mosaic.jpg, a second style image (warm tiles with
dark grout, seeded), and examples/left-half.png and right-half.png, masks white on one half of the picture with a soft
edge between. Our own work, deterministic. Needs PIL (Debian: python3-pil); make_control_examples.sh runs it.

With --measure RESULT.. it prints, for each result, the mean distance of its chrominance from the content photo's
(BT.601 U and V, 8-bit levels) and from the style's mean chrominance: the figures README's control table quotes.
"""
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

HERE = __file__.rsplit('/', 1)[0]


def mosaic():
    rnd = random.Random(11)
    size, tile = 288, 24
    palette = [(214, 92, 44), (236, 160, 52), (178, 48, 40), (246, 206, 120), (120, 60, 36), (200, 120, 80)]
    image = Image.new('RGB', (size, size), (40, 30, 26))
    draw = ImageDraw.Draw(image)
    for ty in range(0, size, tile):
        for tx in range(0, size, tile):
            colour = rnd.choice(palette)
            colour = tuple(max(0, min(255, c + rnd.randint(-20, 20))) for c in colour)
            inset = rnd.randint(2, 4)
            draw.rectangle([tx + inset, ty + inset, tx + tile - inset, ty + tile - inset], fill=colour)
    image.filter(ImageFilter.GaussianBlur(0.6)).save(f'{HERE}/mosaic.jpg', quality=92)


def halves():
    """left-half.png: white up to 45 % of the width, black from 55 %, a linear ramp between; right-half.png: its
    inverse."""
    width, height = 240, 160
    left = Image.new('L', (width, height), 0)
    for x in range(width):
        value = min(1.0, max(0.0, (0.55 - x / width) / 0.10))
        for y in range(height):
            left.putpixel((x, y), round(255 * value))
    left.save(f'{HERE}/left-half.png')
    left.point(lambda v: 255 - v).save(f'{HERE}/right-half.png')


def chroma(image):
    pixels = list(image.convert('RGB').getdata())
    out = []
    for r, g, b in pixels:
        y = 0.299 * r + 0.587 * g + 0.114 * b
        out.append((0.492111 * (b - y), 0.877283 * (r - y)))
    return out


def measure(content, style, results):
    print('| result | chrominance from the photo | from the style\'s mean |')
    print('| --- | --- | --- |')
    style_chroma = chroma(Image.open(style))
    su = sum(u for u, _ in style_chroma) / len(style_chroma)
    sv = sum(v for _, v in style_chroma) / len(style_chroma)
    for result in results:
        image = Image.open(result)
        photo = chroma(Image.open(content).convert('RGB').resize(image.size, Image.BICUBIC))
        mine = chroma(image)
        from_photo = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(mine, photo)) / (2 * len(mine))
        from_style = sum(abs(u - su) + abs(v - sv) for u, v in mine) / (2 * len(mine))
        print(f'| {result.rsplit("/", 1)[-1]} | {from_photo:.2f} | {from_style:.2f} |')


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--measure':
        measure(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        mosaic()
        halves()
