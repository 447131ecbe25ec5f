#!/usr/bin/env python3
"""Turns a terminal screen captured with colours (`tmux capture-pane -e -p`) into a
self-contained HTML page (a <pre> on a dark background), so a headless browser can take a
picture of `moatsim live` for the README. Standard library only.

usage: ansi_to_html.py SCREEN.txt OUT.html
Understands the SGR codes moatsim live and tmux emit: reset, bold, normal intensity,
30-37 / 90-97, 38;5;N (xterm 256 colours), 38;2;R;G;B and 39.
"""
import html
import re
import sys

BASIC = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5"]
BRIGHT = ["#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]


def xterm256(n):
    if n < 8:
        return BASIC[n]
    if n < 16:
        return BRIGHT[n - 8]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#{:02x}{:02x}{:02x}".format(steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#{0:02x}{0:02x}{0:02x}".format(v)


def convert(text):
    out, fg, bold = [], None, False
    for part in re.split(r"(\x1b\[[0-9;]*m)", text):
        if not part.startswith("\x1b["):
            if part:
                style = (f"color:{fg};" if fg else "") + ("font-weight:bold;" if bold else "")
                esc = html.escape(part)
                out.append(f'<span style="{style}">{esc}</span>' if style else esc)
            continue
        codes = [int(c) if c else 0 for c in part[2:-1].split(";")]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                fg, bold = None, False
            elif c == 1:
                bold = True
            elif c == 22:
                bold = False
            elif 30 <= c <= 37:
                fg = BASIC[c - 30]
            elif 90 <= c <= 97:
                fg = BRIGHT[c - 90]
            elif c == 39:
                fg = None
            elif c == 38 and i + 2 < len(codes) and codes[i + 1] == 5:
                fg, i = xterm256(codes[i + 2]), i + 2
            elif c == 38 and i + 4 < len(codes) and codes[i + 1] == 2:
                fg, i = "#{:02x}{:02x}{:02x}".format(*codes[i + 2:i + 5]), i + 4
            i += 1
    return "".join(out)


def main():
    screen = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><style>"
        "body{margin:0;background:#1d1f21;}"
        "pre{margin:0;padding:12px 14px;color:#d8d8d8;background:#1d1f21;"
        "font:15px/1.2 'DejaVu Sans Mono',monospace;}"
        "</style></head><body><pre>" + convert(screen) + "</pre></body></html>\n"
    )
    open(sys.argv[2], "w", encoding="utf-8").write(page)


if __name__ == "__main__":
    main()
