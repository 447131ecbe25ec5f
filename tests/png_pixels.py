#!/usr/bin/env python3
"""Counts pixels of a PNG inside a rectangle, with only the standard library (zlib), so the
browser test needs no imaging package.

usage: png_pixels.py FILE X Y WIDTH HEIGHT
prints: "<pixels> <non-white> <coloured>" where non-white is any channel below 235 and
coloured is saturated (max - min channel > 60: the Okabe-Ito series colours, not the greys
of text, grid and page).
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"{path}: only 8-bit RGB/RGBA non-interlaced PNG is supported")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    path, x0, y0, w, h = sys.argv[1], *map(int, map(float, sys.argv[2:6]))
    width, height, channels, rows = decode(path)
    total = non_white = coloured = 0
    for y in range(max(0, y0), min(height, y0 + h)):
        row = rows[y]
        for x in range(max(0, x0), min(width, x0 + w)):
            r, g, b = row[x * channels:x * channels + 3]
            total += 1
            non_white += min(r, g, b) < 235
            coloured += max(r, g, b) - min(r, g, b) > 60
    print(total, non_white, coloured)


if __name__ == "__main__":
    main()
