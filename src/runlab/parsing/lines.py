"""The line pipeline: a child's raw output bytes in, clean text lines out for the metric rules.

Owns line splitting (``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line, so every tqdm redraw
is a line of its own), UTF-8 decoding, stripping of terminal escape sequences and control
characters, and the length cap that keeps memory bounded whatever the child prints. The run's
log file keeps the raw bytes; what comes out of here is only what the metric rules see.
"""

from __future__ import annotations

import re

__all__ = ["LineSplitter", "strip_escapes"]

# Escape sequences, matched on bytes before decoding (ESC is ASCII, so this is UTF-8 safe).
# None of the alternatives crosses a line end, so a sequence cut off by the line cap or left
# unterminated by the child never swallows the following lines.
_ESCAPE = re.compile(
    rb"\x1b(?:"
    rb"\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, erase line, ?25l
    rb"|[\]PX^_][^\x07\x1b\r\n]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC: up to BEL or ST
    rb"|[ -/]*[0-~]"  # two-byte and nF sequences: ESC 7, ESC M, ESC ( B
    rb")?"
)

# One C-level pass turns every lone \r into \n (a \r\n becomes an empty line, dropped later)
# and deletes the C0 controls and DEL, keeping tab. Bytes below 0x80 never occur inside a
# multi-byte UTF-8 sequence, so deleting them before decoding is safe.
_CR_TO_LF = bytes.maketrans(b"\r", b"\n")
_CONTROLS = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)) + b"\x7f"

_LINE_END = re.compile(rb"[\r\n]")
# The cursor sent to the line's first column (`ESC[1G`, `ESC[G`): a redraw, as a lone \r is
# (Node's `readline.cursorTo(stream, 0)`, under the `progress` package's bars).
_TO_FIRST_COLUMN = re.compile(rb"\x1b\[[01]?G")

# A Keras bar's frame has no line end until the bar's next frame: what a callback prints
# meanwhile is glued to its last value (`- loss: 0.3269val_f1=0.9167`). The print is a line of
# its own. (A Keras value is a number then ` - ` or the end, never a letter.)
_KERAS_GLUED = re.compile(rb"(/step(?: - [A-Za-z_][\w.\-/]{0,80}: -?[0-9][0-9.]{0,40}"
                          rb"(?:e[-+]?[0-9]{1,3})?)+)(?=[A-Za-z_])(?!e[-+]?[0-9])")
# A traceback that starts on the line a progress line left open (`\rstep 30/30 loss 0.0333`
# then the crash, or Ctrl-C's, on a terminal): a line of its own, the value before it kept.
# (not one indented, an exception group's `    | Traceback ...`)
_GLUED_TRACEBACK = re.compile(rb"([^\s|])(?:\^C)?(?=Traceback \(most recent call last\):)")

# A Python warning written onto the line a `\r` progress line left open (`\rEpoch 2 [25/50]
# loss: 0.2309/path/train.py:11: UserWarning: ...`): a line of its own, the value before it kept.
# (the value a number of its own, after a space or a `:`: not a number in the warning's own
# path, `python3.10/site-packages/...`, `runs/lr=0.001/train.py`)
_GLUED_WARNING = re.compile(
    rb"((?<![^\s:])[-+]?\d{1,18}(?:\.\d{1,18})?)(?=[/~A-Za-z_][^\s:]{0,300}\.py:\d{1,9}: [A-Z]\w{0,40}Warning: )")

# An epoch's line printed onto the line a `\r` progress line left open (`\rstep 10/10 loss
# 0.1000` with `end=""`, then `print(f"epoch {e} val_acc {a}")` with no line end before it):
# a line of its own, the value before it kept. (No value ends in a word: `0.1000epoch 1`.)
_GLUED_EPOCH = re.compile(rb"(\d\.\d{1,30})(?=(?:[Ee]poch|EPOCH):?\ {1,4}\d)")

# A drawing redrawn unchanged (`print(f"\rEpisode {i}\tAverage Score: {avg:.2f}", end="")`,
# then the same text again with a newline every 100 episodes, udacity's DRLND loops; a bar's
# last frame drawn again on close): one drawing, no second line. Only a segment between two
# lone \r, the same as the segment after it; each segment tried once: linear. (The block's
# first segment is another's: the one the block before ended with, or one left unfinished.)
_REDRAWN = re.compile(rb"\r([^\r\n]{1,4096})(?=\r\1[\r\n])")
_REDRAWN_FIRST = re.compile(rb"([^\r\n]{1,4096})\r(?=\1[\r\n])")

# Bigger feeds are worked through in slices so that temporary copies stay this size.
_SLICE = 64 * 1024


_LONE_CR = re.compile(rb"\r+(?!\n)|\r+(?=\r\n)")


def strip_escapes(data: bytes) -> bytes:
    """Output for reading as plain text: escape codes removed, a lone \\r (a redraw) made a
    line end. Feed whole lines: no sequence is ever split across a line end here."""
    if b"\x1b" in data:
        if b"G" in data:
            data = _TO_FIRST_COLUMN.sub(b"\r", data)
        data = _ESCAPE.sub(b"", data)
    if b"\r" in data:
        data = _LONE_CR.sub(b"\n", data.replace(b"\r\n", b"\n"))
    return data


class LineSplitter:
    """Split a byte stream, cut into arbitrary chunks, into clean text lines.

    A line longer than ``max_line`` characters is cut to its first ``max_line`` and the rest is
    dropped up to its line end. At most ``4 * max_line`` bytes of an unfinished line are held:
    enough for ``max_line`` characters of any UTF-8 text, though a line that arrives in several
    chunks and spends those bytes on escape codes keeps fewer. Empty lines are skipped.
    """

    __slots__ = ("_drawn", "_limit", "_overflow", "_pending", "max_line")

    def __init__(self, max_line: int = 4096) -> None:
        if max_line < 1:
            raise ValueError(f"max_line must be at least 1, not {max_line}")
        self.max_line = max_line
        self._limit = 4 * max_line
        self._pending = bytearray()
        self._overflow = False
        self._drawn = b""  # the drawing the last block ended with, a lone \r after it

    @property
    def buffered(self) -> int:
        """Bytes of the unfinished line held now; never more than ``4 * max_line``."""
        return len(self._pending)

    def feed(self, data: bytes) -> list[str]:
        """Take the next chunk of output; return the lines it completed."""
        if len(data) <= _SLICE:
            return self._feed(data)
        lines: list[str] = []
        for start in range(0, len(data), _SLICE):
            lines.extend(self._feed(data[start : start + _SLICE]))
        return lines

    def flush(self) -> list[str]:
        """Return the unfinished last line, if any, at the end of the output."""
        block = bytes(self._pending)
        self._pending.clear()
        self._overflow = False
        lines = self._clean(block) if block else []
        self._drawn = b""
        return lines

    def _feed(self, data: bytes) -> list[str]:
        if b"\x1b[" in data and b"G" in data:
            data = _TO_FIRST_COLUMN.sub(b"\r", data)
        last = max(data.rfind(b"\n"), data.rfind(b"\r"))
        if last < 0:
            self._hold(data)
            return []
        if self._overflow:
            # The held line is already full: drop the rest of it, keep its line end.
            first = _LINE_END.search(data)
            assert first is not None  # there is a line end at `last`
            block = bytes(self._pending) + data[first.start() : last + 1]
        elif self._pending:
            block = bytes(self._pending) + data[: last + 1]
        else:
            block = data[: last + 1]
        self._pending.clear()
        self._overflow = False
        self._hold(data[last + 1 :])
        return self._clean(block)

    def _hold(self, data: bytes) -> None:
        if self._overflow or not data:
            return
        room = self._limit - len(self._pending)
        if len(data) > room:
            self._pending += data[:room]
            self._overflow = True
        else:
            self._pending += data

    def _undrawn(self, block: bytes) -> bytes:
        """The block without a drawing drawn again unchanged (`\rS\rS\n` as `\rS\n`), also
        where the two came in separate blocks, however the output was cut."""
        drawn, self._drawn = self._drawn, b""
        if drawn and block.startswith(drawn) and block[len(drawn) : len(drawn) + 1] in (
                b"\r", b"\n"):
            block = block[len(drawn) + 1 :]  # (given out as the block before's last line)
        if b"\r" in block and block.count(b"\r") != block.count(b"\r\n"):  # (a lone \r)
            first = _REDRAWN_FIRST.match(block)
            if first is not None:
                block = block[first.end() :]
            block = _REDRAWN.sub(b"", block)
            if block[-1:] == b"\r":
                start = max(block.rfind(b"\r", 0, len(block) - 1),
                            block.rfind(b"\n", 0, len(block) - 1)) + 1
                self._drawn = block[start:-1]
        return block

    def _clean(self, block: bytes) -> list[str]:
        if b"\x1b" in block:
            if b"G" in block:  # (one cut between two chunks, `_feed` did not see whole)
                block = _TO_FIRST_COLUMN.sub(b"\r", block)
            block = _ESCAPE.sub(b"", block)
        if b"/step - " in block:
            block = _KERAS_GLUED.sub(rb"\1\n", block)
        if b"Traceback (most recent call last):" in block:
            block = _GLUED_TRACEBACK.sub(rb"\1\n", block)
        if b"Warning: " in block and b".py:" in block:
            block = _GLUED_WARNING.sub(rb"\1\n", block)
        if b"poch" in block or b"POCH" in block:
            block = _GLUED_EPOCH.sub(rb"\1\n", block)
        block = self._undrawn(block)
        text = block.translate(_CR_TO_LF, _CONTROLS).decode("utf-8", "replace")
        cap = self.max_line
        return [line[:cap] for line in text.split("\n") if line]
