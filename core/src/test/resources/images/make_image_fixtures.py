"""Writes the small pictures the image reading and writing tests use: every input format nst reads, phone orientation
tags, an ICC profile, 16-bit samples, transparency, and broken files.

Regenerate (from the repository root, with Debian's python3-pil and python3-numpy, not a pyenv Python):

    /usr/bin/python3 core/src/test/resources/images/make_image_fixtures.py

Every picture is the same upright 16 x 10 image (or a stored form of it that its orientation tag turns upright):

    red   = round(255 * x / 15)        left to right
    green = round(255 * y / 9)         top to bottom
    blue  = 64

so its corners differ and any rotation or mirror shows. Files written:

    rgb8.png, palette.png, grey.png, grey16.png, rgba.png        PNG: 8-bit RGB, palette, grey, 16-bit grey, RGBA
    rgb16.png, rgba16.png                                        PNG with 16-bit samples, written by hand (Pillow
                                                                 has no 16-bit RGB mode); the 16-bit values are
                                                                 those of `sixteen_bit(x, y)` below
    baseline.jpg, progressive.jpg, cmyk.jpg                      JPEG: baseline and progressive at quality 95, and
                                                                 CMYK (Adobe) made from the picture by Pillow
    lossy.webp, lossless.webp, alpha.webp                        WebP: lossy (quality 95), lossless, lossless RGBA
    rgb8.tif, lzw.tif, deflate.tif, grey16.tif                   TIFF: uncompressed, LZW, Deflate, 16-bit grey
    rgb16.tif                                                    TIFF with 16-bit RGB samples, written by hand
    rgb8.bmp, two-frames.gif                                     BMP; a GIF of two frames (the first is the picture)
    orientation-K.jpg, orientation-K.png, orientation-K.webp,    for K = 1..8: the picture stored as an EXIF
    orientation-K.tif                                            orientation K says, tagged K (TIFF: tag 274)
    phone-6.jpg                                                  100 x 60 stored, orientation 6: 60 x 100 upright
    wide-gamut.{png,jpg,webp,tif}                                tagged with `wide_gamut_profile()` (Adobe RGB
                                                                 (1998) primaries, gamma 2.2), the picture's values
                                                                 as they are in that space
    wide-gamut-srgb.png                                          the same converted to sRGB by LittleCMS (Pillow's
                                                                 ImageCms): the reference the reader must match
    truncated.{png,jpg,webp,tif,bmp,gif}, corrupt.{webp,tif}     the first half of a file; a valid header followed
                                                                 by garbage
"""
import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms

OUT = Path(__file__).resolve().parent
W, H = 16, 10


def upright():
    y, x = np.mgrid[0:H, 0:W]
    rgb = np.stack([np.round(255 * x / (W - 1)), np.round(255 * y / (H - 1)), np.full((H, W), 64)], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def sixteen_bit():
    """16-bit samples that 8 bits cannot hold: steps of 37 and 911 levels."""
    y, x = np.mgrid[0:H, 0:W]
    r = 1000 + 37 * x + 911 * y
    g = 65535 - 1013 * x - 17 * y
    b = 20000 + 3 * x * y
    return np.stack([r, g, b], axis=-1).astype(np.uint16)


def alpha_plane():
    y, x = np.mgrid[0:H, 0:W]
    return np.round(255 * (x + y) / (W + H - 2)).astype(np.uint8)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png16(samples):
    """A PNG of 16-bit RGB or RGBA samples (big-endian, filter 0 on every row)."""
    h, w, c = samples.shape
    colour = {3: 2, 4: 6}[c]
    rows = b"".join(b"\x00" + samples[row].astype(">u2").tobytes() for row in range(h))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, colour, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(rows, 9)) + png_chunk(b"IEND", b""))


def tiff16(samples):
    """An uncompressed little-endian TIFF of 16-bit RGB samples in one strip."""
    h, w, _ = samples.shape
    data = samples.astype("<u2").tobytes()
    entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 3, None), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, None), (277, 3, 1, 3), (278, 3, 1, h), (279, 4, 1, len(data)), (284, 3, 1, 1)]
    ifd_offset = 8
    ifd_size = 2 + 12 * len(entries) + 4
    bits_offset = ifd_offset + ifd_size
    data_offset = bits_offset + 6
    out = b"II*\x00" + struct.pack("<I", ifd_offset) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 258:
            value = bits_offset
        if tag == 273:
            value = data_offset
        if kind == 3 and count == 1:
            out += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, count, value)
    out += struct.pack("<I", 0) + struct.pack("<HHH", 16, 16, 16) + data
    return out


def s15_16(v):
    return struct.pack(">i", int(round(v * 65536)))


def wide_gamut_profile():
    """An ICC v2 RGB profile with Adobe RGB (1998) primaries, a D65 white and gamma 563/256 (about 2.2)."""
    def xyz(x, y):
        return np.array([x / y, 1.0, (1 - x - y) / y])
    primaries = np.stack([xyz(0.64, 0.33), xyz(0.21, 0.71), xyz(0.15, 0.06)], axis=1)
    d65 = xyz(0.3127, 0.3290)
    scale = np.linalg.solve(primaries, d65)
    rgb_to_xyz = primaries * scale
    bradford = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]])
    d50 = np.array([0.9642, 1.0, 0.8249])
    adapt = np.linalg.inv(bradford) @ np.diag((bradford @ d50) / (bradford @ d65)) @ bradford
    colorants = adapt @ rgb_to_xyz

    def xyz_tag(v):
        return b"XYZ " + b"\x00" * 4 + s15_16(v[0]) + s15_16(v[1]) + s15_16(v[2])

    def text(s):
        return b"text" + b"\x00" * 4 + s.encode("ascii") + b"\x00"

    def desc(s):
        ascii_ = s.encode("ascii") + b"\x00"
        return (b"desc" + b"\x00" * 4 + struct.pack(">I", len(ascii_)) + ascii_ + struct.pack(">II", 0, 0)
                + struct.pack(">HB", 0, 0) + b"\x00" * 67)

    curve = b"curv" + b"\x00" * 4 + struct.pack(">IH", 1, 563) + b"\x00\x00"
    tags = [(b"desc", desc("nst test wide-gamut RGB")), (b"cprt", text("generated by make_image_fixtures.py")),
            (b"wtpt", xyz_tag(d50)), (b"rXYZ", xyz_tag(colorants[:, 0])), (b"gXYZ", xyz_tag(colorants[:, 1])),
            (b"bXYZ", xyz_tag(colorants[:, 2])), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table = struct.pack(">I", len(tags))
    body = b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\x00"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"none" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">HHHHHH", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"APPL" + struct.pack(">I", 0)
              + b"none" + b"none" + struct.pack(">Q", 0) + struct.pack(">I", 0)
              + s15_16(0.9642) + s15_16(1.0) + s15_16(0.8249) + b"none" + b"\x00" * 44)
    assert len(header) == 128
    return header + table + body


# What an EXIF orientation K asks a viewer to do to the stored pixels, and so how to store an upright picture.
def stored_for(image, k):
    t = Image.Transpose
    inverse = {1: [], 2: [t.FLIP_LEFT_RIGHT], 3: [t.ROTATE_180], 4: [t.FLIP_TOP_BOTTOM],
               5: [t.TRANSPOSE], 6: [t.ROTATE_90], 7: [t.TRANSVERSE], 8: [t.ROTATE_270]}[k]
    for op in inverse:
        image = image.transpose(op)
    return image


def exif(k):
    tags = Image.Exif()
    tags[0x0112] = k
    return tags.tobytes()


def truncated(name):
    data = (OUT / name).read_bytes()
    (OUT / ("truncated" + Path(name).suffix)).write_bytes(data[: len(data) // 2])


def main():
    picture = upright()
    picture.save(OUT / "rgb8.png")
    picture.quantize(64).save(OUT / "palette.png")
    picture.convert("L").save(OUT / "grey.png")
    grey16 = (np.asarray(picture.convert("L"), dtype=np.uint16) * 257 + 3).astype(np.uint16)
    Image.fromarray(grey16, "I;16").save(OUT / "grey16.png")
    rgba = picture.copy()
    rgba.putalpha(Image.fromarray(alpha_plane(), "L"))
    rgba.save(OUT / "rgba.png")
    (OUT / "rgb16.png").write_bytes(png16(sixteen_bit()))
    alpha16 = (alpha_plane().astype(np.uint16) * 257)[..., None]
    (OUT / "rgba16.png").write_bytes(png16(np.concatenate([sixteen_bit(), alpha16], axis=-1)))

    picture.save(OUT / "baseline.jpg", quality=95)
    picture.save(OUT / "progressive.jpg", quality=95, progressive=True)
    picture.convert("CMYK").save(OUT / "cmyk.jpg", quality=95)

    picture.save(OUT / "lossy.webp", quality=95)
    picture.save(OUT / "lossless.webp", lossless=True)
    rgba.save(OUT / "alpha.webp", lossless=True, exact=True)

    picture.save(OUT / "rgb8.tif")
    picture.save(OUT / "lzw.tif", compression="tiff_lzw")
    picture.save(OUT / "deflate.tif", compression="tiff_adobe_deflate")
    Image.fromarray(grey16, "I;16").save(OUT / "grey16.tif")
    (OUT / "rgb16.tif").write_bytes(tiff16(sixteen_bit()))

    picture.save(OUT / "rgb8.bmp")
    other = Image.new("RGB", (W, H), (200, 30, 90))
    picture.save(OUT / "two-frames.gif", save_all=True, append_images=[other], duration=100)

    for k in range(1, 9):
        stored = stored_for(picture, k)
        stored.save(OUT / f"orientation-{k}.jpg", quality=95, exif=exif(k))
        stored.save(OUT / f"orientation-{k}.png", exif=exif(k))
        stored.save(OUT / f"orientation-{k}.webp", lossless=True, exif=exif(k))
        stored.save(OUT / f"orientation-{k}.tif", tiffinfo={274: k})
    y, x = np.mgrid[0:60, 0:100]
    phone = np.stack([x * 2, y * 4, np.full((60, 100), 90)], axis=-1).astype(np.uint8)
    Image.fromarray(phone, "RGB").save(OUT / "phone-6.jpg", quality=95, exif=exif(6))

    profile = wide_gamut_profile()
    picture.save(OUT / "wide-gamut.png", icc_profile=profile)
    picture.save(OUT / "wide-gamut.jpg", quality=100, subsampling=0, icc_profile=profile)
    picture.save(OUT / "wide-gamut.webp", lossless=True, icc_profile=profile)
    picture.save(OUT / "wide-gamut.tif", icc_profile=profile)
    srgb = ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                     ImageCms.createProfile("sRGB"), renderingIntent=1)
    srgb.save(OUT / "wide-gamut-srgb.png")

    for name in ["rgb8.png", "baseline.jpg", "lossy.webp", "rgb8.tif", "rgb8.bmp", "two-frames.gif"]:
        truncated(name)
    webp = (OUT / "lossy.webp").read_bytes()
    (OUT / "corrupt.webp").write_bytes(webp[:20] + bytes((i * 37) % 256 for i in range(len(webp) - 20)))
    tif = (OUT / "rgb8.tif").read_bytes()
    (OUT / "corrupt.tif").write_bytes(tif[:8] + bytes((i * 53 + 7) % 256 for i in range(len(tif) - 8)))


if __name__ == "__main__":
    main()
