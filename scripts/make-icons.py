#!/usr/bin/env python3
"""Draws the app icons (icons/icon-192.png, icons/icon-512.png): a white "K" on the
accent blue, inside the safe zone of a maskable icon. Pure Python (zlib), no imaging
library; run it again only to change the icon."""
import os, struct, zlib

BLUE = (0x1F, 0x5F, 0xBF)
WHITE = (0xFF, 0xFF, 0xFF)

def inside_k(x, y):
    # Unit square coordinates; the mark stays within 0.3–0.7 (maskable safe zone).
    if not (0.30 <= y <= 0.70):
        return False
    stem = 0.33 <= x <= 0.42
    # The two arms meet the stem at mid height; each is a band around a line.
    mid = 0.50
    t = abs(y - mid) / 0.20          # 0 at the middle, 1 at top/bottom
    arm_x = 0.42 + t * 0.24           # where the arm's centre is at this height
    arm = abs(x - arm_x) <= 0.055 and x >= 0.40
    return stem or arm

def png(size):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            x, y = (i + 0.5) / size, (j + 0.5) / size
            row.extend(WHITE if inside_k(x, y) else BLUE)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")

out = os.path.join(os.path.dirname(__file__), "..", "icons")
for size in (192, 512):
    with open(os.path.join(out, f"icon-{size}.png"), "wb") as f:
        f.write(png(size))
print("icons written")
