#!/usr/bin/env python3
"""`moatsim serve` in a real browser: headless Chromium (Debian package chromium) driven over
the DevTools protocol, with only the Python standard library (a minimal WebSocket client is
below). It starts the server on a free port, loads the page at 1280x720 and checks:
  - nothing is requested from anywhere but the server (every request and WebSocket URL);
  - no console message, uncaught exception or browser log error;
  - playing 24 months with the keyboard (space), then switching off Anthropic on AWS in the
    catalog grid and playing on, moves the AWS difference (you minus baseline, read from the
    page's own data, window.moatsim) below zero, and it was exactly zero before the pull;
  - a screenshot shows coloured chart pixels in the share and difference charts;
  - a slider lever (review rate) pulled with the arrow key reaches the event feed.
usage: classroom_test.py MOATSIM SOURCE_DIR [--screenshot FILE]
Exits 77 (ctest: skipped) when chromium is not installed.
"""
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


class WebSocket:
    """Just enough RFC 6455 for the DevTools protocol: text frames, client masking."""

    def __init__(self, url):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("DevTools closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("DevTools handshake failed: " + head.decode(errors="replace"))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("DevTools connection closed")
            data += chunk
        return data

    def send(self, text):
        payload = text.encode()
        n = len(payload)
        header = bytes([0x81])
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 8:
                raise RuntimeError("DevTools closed the connection")
            if opcode in (0, 1, 2):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Page:
    """One page target: commands with ids, events collected as they arrive."""

    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            m = json.loads(self.ws.recv())
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait_for(self, expression, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(expression):
                return
            time.sleep(0.1)
        raise RuntimeError(f"timed out waiting for {what} ({expression})")

    def key(self, key, code, text=""):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, text=text if kind == "keyDown" else "")


failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    moatsim, source = sys.argv[1], sys.argv[2]
    screenshot_copy = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--screenshot" else None
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        skip("headless browser test (chromium is not installed; Debian package chromium)")
    work = tempfile.mkdtemp(prefix="moatsim_classroom_browser_")
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([moatsim, "serve", "--port", "0", "--scenarios", os.path.join(source, "scenarios")],
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    chrome = None
    try:
        m = None
        deadline = time.time() + 120
        while m is None and time.time() < deadline and server.poll() is None:
            m = re.search(r"open http://127\.0\.0\.1:(\d+)/", open(log_path).read())
            time.sleep(0.1)
        if not m:
            raise RuntimeError("the server did not start: " + open(log_path).read()[-2000:])
        base = f"http://127.0.0.1:{m.group(1)}/"
        chrome = subprocess.Popen([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                   "--disable-sync", "--disable-background-networking", "--disable-component-update",
                                   "--disable-default-apps", "--hide-scrollbars", "--force-device-scale-factor=1",
                                   "--remote-debugging-port=0", f"--user-data-dir={work}/profile",
                                   "--window-size=1280,720", "about:blank"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.time() + 60
        while time.time() < deadline and port is None:
            line = chrome.stderr.readline()
            if not line and chrome.poll() is not None:
                raise RuntimeError("chromium exited before DevTools started")
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = m.group(1)
        if port is None:
            raise RuntimeError("chromium's DevTools did not start")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        for domain in ("Page", "Network", "Runtime", "Log"):
            page.call(domain + ".enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1280, height=720, deviceScaleFactor=1, mobile=False)
        page.call("Page.navigate", url=base)
        page.wait_for("window.moatsim && window.moatsim.months.length === 1 && !!window.moatsim.levers",
                      "the first month")
        check(page.js("window.moatsim.world.scenario") == "baseline", "the baseline scenario opens first")
        # Play with the keyboard: speed to the maximum, focus off the controls, space.
        page.js("const s = document.getElementById('speed'); s.value = s.max; "
                "s.dispatchEvent(new Event('change')); s.blur(); document.body.focus(); true")
        page.key(" ", "Space", " ")
        page.wait_for("window.moatsim.months.length > 24", "24 months")
        page.key(" ", "Space", " ")
        page.wait_for("!window.moatsim.playing", "pause")
        before = page.js("window.moatsim.difference('AWS')")
        check(before == 0, f"before any lever the AWS difference is 0 (got {before})")
        # Switch off Anthropic on AWS in the catalog grid, as a student would (click).
        page.js("document.querySelector('input[aria-label=\"AWS offers Anthropic\"]').click(); true")
        page.wait_for("window.moatsim.events.some(e => e.source === 'class')", "the pull in the event feed")
        check(page.js("document.querySelector('input[aria-label=\"AWS offers Anthropic\"]').checked") is False,
              "the catalog switch stays off")
        pulled_at = page.js("window.moatsim.months.length - 1")
        page.key(" ", "Space", " ")
        page.wait_for(f"window.moatsim.months.length > {pulled_at + 24}", "24 more months")
        page.key(" ", "Space", " ")
        page.wait_for("!window.moatsim.playing", "pause")
        after = page.js("window.moatsim.difference('AWS')")
        check(after is not None and after < 0, f"AWS difference below zero after the pull (got {after} points)")
        feed = page.js("document.getElementById('feed').textContent")
        check("AWS stops offering Anthropic" in feed, "the event feed lists the pull")
        check(page.js("window.moatsim.errors.length") == 0, "no error message on the page")
        page.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
        png = os.path.join(work, "serve.png")
        open(png, "wb").write(shot)
        if screenshot_copy:
            shutil.copyfile(png, screenshot_copy)
        for chart in ("chart-share", "chart-diff"):
            box = page.js(f"(() => {{ const r = document.getElementById('{chart}').getBoundingClientRect(); "
                          "return [r.x, r.y, r.width, r.height].map(Math.round); })()")
            counts = subprocess.run([sys.executable, os.path.join(source, "tests", "png_pixels.py"), png,
                                     *map(str, box)], capture_output=True, text=True).stdout.split()
            ok = len(counts) == 3 and box[2] > 200 and box[3] > 80 and int(counts[2]) > 300
            check(ok, f"{chart} drawn: box {box}, pixels/non-white/coloured {counts}")
        # A slider lever with the keyboard alone: focus the review rate, one step right.
        page.js("document.getElementById('lever-review').focus(); true")
        page.key("ArrowRight", "ArrowRight")
        page.wait_for("document.getElementById('feed').textContent.includes('review rate')",
                      "the review-rate pull from the keyboard")
        check(True, "a slider lever pulled with the keyboard reaches the event feed")
        # Everything the page asked for came from the server.
        urls = [e["params"]["request"]["url"] for e in page.events if e["method"] == "Network.requestWillBeSent"]
        urls += [e["params"]["url"] for e in page.events if e["method"] == "Network.webSocketCreated"]
        ws_base = base.replace("http://", "ws://")
        outside = [u for u in urls if not (u.startswith(base) or u.startswith(ws_base) or u.startswith("blob:"))]
        check(len(urls) >= 4 and not outside, f"{len(urls)} requests, none elsewhere: {outside}")
        console = [e for e in page.events if e["method"] in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown")
                   or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"))]
        check(not console, f"no console messages or exceptions: {json.dumps(console)[:500]}")
    except Exception as e:  # a failed step is a failed test, with its reason
        failures.append(str(e))
        print("FAIL " + str(e))
    finally:
        if chrome:
            chrome.kill()
            chrome.wait()
        server.terminate()  # SIGTERM: the server must stop cleanly
        try:
            code = server.wait(timeout=20)
            check(code == 0, f"the server stopped cleanly on SIGTERM (exit {code})")
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "the server stopped within 20 s of SIGTERM")
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("all browser checks passed")


if __name__ == "__main__":
    main()
