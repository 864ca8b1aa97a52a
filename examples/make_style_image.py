#!/usr/bin/env python3
"""Paints examples/swirls.jpg, the example style image: short brush strokes that follow a swirling flow field,
in a night-sky palette. Our own work, deterministic (seeded). Needs numpy and PIL (Debian: python3-numpy,
python3-pil); run with /usr/bin/python3 examples/make_style_image.py
"""
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SIZE = 320
PALETTE = [(18, 36, 92), (28, 62, 140), (52, 98, 178), (88, 140, 206), (236, 204, 76), (246, 226, 134),
           (250, 244, 214), (14, 22, 54), (196, 120, 40)]
CENTRES = [(0.3, 0.35, 1.0), (0.72, 0.62, -1.0), (0.2, 0.8, 0.6), (0.8, 0.18, -0.7)]


def flow(x, y):
    """Direction of the strokes at (x, y): a sum of vortices, each fading with distance."""
    angle_x, angle_y = 0.0, 0.0
    for cx, cy, spin in CENTRES:
        dx, dy = x / SIZE - cx, y / SIZE - cy
        r2 = dx * dx + dy * dy + 0.01
        angle_x += -dy * spin / r2
        angle_y += dx * spin / r2
    return math.atan2(angle_y + 2.0, angle_x + 0.5)


def main():
    rnd = random.Random(7)
    image = Image.new('RGB', (SIZE, SIZE), PALETTE[1])
    draw = ImageDraw.Draw(image)
    for _ in range(9000):
        x, y = rnd.uniform(0, SIZE), rnd.uniform(0, SIZE)
        near_star = min(math.hypot(x / SIZE - cx, y / SIZE - cy) for cx, cy, _ in CENTRES)
        weights = [6, 8, 6, 4, 1 + 12 * (near_star < 0.12), 1 + 6 * (near_star < 0.08), 1, 3, 1]
        colour = rnd.choices(PALETTE, weights)[0]
        colour = tuple(max(0, min(255, c + rnd.randint(-18, 18))) for c in colour)
        width = rnd.randint(3, 6)
        points = [(x, y)]
        for _ in range(rnd.randint(4, 9)):
            a = flow(x, y)
            x, y = x + 4 * math.cos(a), y + 4 * math.sin(a)
            points.append((x, y))
        draw.line(points, fill=colour, width=width, joint='curve')
    image = image.filter(ImageFilter.SMOOTH)
    image.save('swirls.jpg', quality=90)
    print('wrote swirls.jpg', image.size, np.asarray(image).mean(axis=(0, 1)).round(1))


if __name__ == '__main__':
    main()
