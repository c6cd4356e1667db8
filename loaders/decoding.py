"""Bytes of a text file (a plan, a CSV table) to text, or one line saying why they are not text.

Read without guessing: UTF-8 (with or without BOM), and UTF-16 / UTF-32 when a byte-order mark
says so. Anything else is refused with the byte offset (and line) where it stops being UTF-8 and
what the bytes look like instead: a Word or Excel file or a zip, a PDF, an image, GBK/GB18030,
UTF-16 without a BOM, or a file cut off in the middle of a character.

>>> decode_bytes("一、任务".encode("utf-16"), "p.txt")
'一、任务'
>>> decode_bytes("一、任务".encode("gbk"), "p.txt")
Traceback (most recent call last):
...
loaders.decoding.DecodeError: p.txt: line 1:2 (byte offset 2): not UTF-8 text: it looks like GBK/GB18030; save it as UTF-8
"""
from __future__ import annotations

import codecs

from loaders.records import LoadError

__all__ = ["DecodeError", "decode_bytes", "looks_like", "what_file"]


class DecodeError(LoadError):
    """Bytes that are not text; `reason` is the message without the place, `byte` the byte offset,
    `offset`, `line`, `col` the character position (of the text that did decode) where reading stopped."""

    def __init__(self, file: str, reason: str, byte: int | None = None, offset: int = 0, line: int = 1,
                 col: int = 1):
        self.reason, self.byte, self.offset, self.line, self.col = reason, byte or 0, offset, line, col
        where = f"line {line}:{col} (byte offset {byte})" if byte is not None else ""
        super().__init__(file, reason, where=where)

# What a file is, by its first bytes: such a file renamed .txt or .csv is not text at all.
_MAGIC = ((b"PK\x03\x04", "a zip archive (a .docx or .xlsx saved under another name?)"),
          (b"PK\x05\x06", "an empty zip archive"),
          (b"%PDF", "a PDF document: copy its text into a UTF-8 .txt file"),
          (b"\xd0\xcf\x11\xe0", "an old Word/Excel file (.doc/.xls): save it as .docx/.xlsx"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
          (b"{\\rtf", "an RTF document: save it as .docx or as UTF-8 text"))

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16: FF FE 00 00
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def what_file(data: bytes) -> str | None:
    """What kind of non-text file `data` starts like, or None."""
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def looks_like(data: bytes) -> str:
    """A guess at the encoding, for the message only (never used to decode)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = data[:4000]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):  # ASCII in UTF-16 leaves every other byte 0
        return "UTF-16 without a byte-order mark"
    for encoding in ("utf-16-le", "utf-16-be"):  # Chinese in UTF-16: nearly every pair a CJK character
        text = head[:len(head) // 2 * 2].decode(encoding, errors="replace")
        if text and sum("\u4e00" <= c <= "\u9fff" or c in "\n\r" for c in text) >= 0.6 * len(text):
            return "UTF-16 without a byte-order mark"
    try:
        data.decode("gb18030")
        return "GBK/GB18030"
    except UnicodeDecodeError:
        return "another encoding"


def _error(file: str, reason: str, data: bytes, at: int, encoding: str = "utf-8", shift: int = 0) -> DecodeError:
    """The error at byte `at` of `data` (`shift` bytes of BOM before it), placed by the text before it."""
    good = data[:at].decode(encoding, errors="replace")
    line, col = good.count("\n") + 1, len(good) - (good.rfind("\n") + 1) + 1
    return DecodeError(file, reason, at + shift, len(good), line, col)


def decode_bytes(data: bytes, file: str, *, save_as: str = "UTF-8") -> str:
    """The text of `data`; LoadError naming `file` and the place when it cannot be read as text."""
    if (what := what_file(data)) is not None:
        raise DecodeError(file, f"not a text file: it is {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as e:
                raise _error(file, f"not {encoding.upper()} text although its byte-order mark says so "
                                   f"({e.reason})", body, e.start, encoding, len(bom)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.end == len(data) and e.reason == "unexpected end of data":
            raise _error(file, "the file ends in the middle of a character: it looks truncated "
                               "(an interrupted copy or download)", data, e.start) from None
        raise _error(file, f"not UTF-8 text: it looks like {looks_like(data)}; save it as {save_as}",
                     data, e.start) from None


def check_office_file(path, part: str, kind: str, prefix: str = "") -> None:
    """Refuse, in one line naming the file (`prefix` first), a .docx/.xlsx that is not one: empty,
    another kind of file, a zip cut off in a copy, a zip without the `part` a `kind` file holds
    ("word/document.xml")."""
    try:
        _check_office_file(path, part, kind)
    except LoadError as e:
        raise LoadError(e.file, prefix + e.problems[0][1]) from None


def _check_office_file(path, part: str, kind: str) -> None:
    import zipfile
    from pathlib import Path
    path = Path(path)
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise LoadError(str(path), f"the file is empty (0 bytes): expected {_a(kind)} file")
    if not head.startswith(b"PK"):
        what = what_file(head)
        if what is None:
            what = "a text file" if _is_text(path.read_bytes()[:4096]) else "not a zip archive"
        raise LoadError(str(path), f"not {_a(kind)} file: it is {what}")
    if not zipfile.is_zipfile(path):
        raise LoadError(str(path), f"the {kind} file is cut off or damaged: its zip directory is missing "
                                   f"(an interrupted copy or download?)")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if part not in names:
            which = ("an Excel workbook" if "xl/workbook.xml" in names else
                     "a Word document" if "word/document.xml" in names else "a zip archive of other files")
            raise LoadError(str(path), f"not {_a(kind)} file: it is {which} (no {part} inside)")
        bad = z.testzip()
        if bad is not None:
            raise LoadError(str(path), f"the {kind} file is damaged: its part {bad} does not read back "
                                       f"(CRC error)")


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start > len(head) - 4  # a character cut by the 4096-byte window


def _a(kind: str) -> str:
    return ("an " if kind[0] in "AEIOU" else "a ") + kind
