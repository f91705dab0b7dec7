"""Builders of damaged and hostile inputs, one family of defect each.

Every builder is ``build(rng, bases) -> (suffix, bytes)``: ``rng`` a ``random.Random``,
``bases`` well-formed synthetic disclosures by format (``corpus.bases``). Byte-level
mutators damage any format; structural builders make what a mutator would rarely hit:
broken PDF cross-reference tables, encrypted PDFs, decompression and XML bombs, huge spans
and pages, legacy encodings, malformed numbers, duplicated and shuffled tables.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from collections.abc import Callable

Bases = dict[str, bytes]
Built = tuple[str, bytes]
FORMATS = ("txt", "pdf", "docx", "xlsx", "html", "json")  # json: the model (juesuan extract --format json)

_MEMO: dict[tuple, Built] = {}


def _once(kind: str, base: bytes, make: Callable[[], Built]) -> Built:
    """The inputs that depend only on their kind and base — bombs, a million rows, deep
    nesting — take seconds to build (deflating 400 MB) and are the same every time: built
    once per process (a fuzz worker builds each such kind once, not ~100 times)."""
    key = (kind, len(base), zlib.crc32(base))
    if key not in _MEMO:
        _MEMO[key] = make()
    return _MEMO[key]


# ----------------------------------------------------------------------------- byte level


def _pick_format(rng: random.Random, bases: Bases) -> tuple[str, bytes]:
    fmt = rng.choice([f for f in FORMATS if f in bases])
    return fmt, bases[fmt]


def byte_flips(rng: random.Random, bases: Bases) -> Built:
    fmt, data = _pick_format(rng, bases)
    buf = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 64, 512])):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return fmt, bytes(buf)


def truncation(rng: random.Random, bases: Bases) -> Built:
    fmt, data = _pick_format(rng, bases)
    cut = rng.choice([1, 7, 100, len(data) // 2, len(data) - 1, rng.randrange(1, len(data))])
    return fmt, data[:cut]


def chunk_duplication(rng: random.Random, bases: Bases) -> Built:
    fmt, data = _pick_format(rng, bases)
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice([16, 256, 4096, 65536]))
    return fmt, data[:b] + data[a:b] * rng.choice([1, 2, 10]) + data[b:]


def chunk_shuffle(rng: random.Random, bases: Bases) -> Built:
    fmt, data = _pick_format(rng, bases)
    size = max(1, len(data) // rng.choice([4, 16, 64]))
    parts = [data[i:i + size] for i in range(0, len(data), size)]
    i, j = rng.randrange(len(parts)), rng.randrange(len(parts))
    parts[i], parts[j] = parts[j], parts[i]
    return fmt, b"".join(parts)


# ----------------------------------------------------------------------------- text


def _text(bases: Bases) -> str:
    return bases["txt"].decode("utf-8")


def legacy_encoding(rng: random.Random, bases: Bases) -> Built:
    text = _text(bases)
    enc = rng.choice(["gb18030", "utf-16", "utf-16-le", "big5", "utf-8-nul", "cut-char", "one-bad-byte"])
    if enc == "utf-8-nul":
        lines = text.splitlines()
        for _ in range(rng.choice([1, 20])):
            k = rng.randrange(len(lines))
            lines[k] = lines[k] + "\x00"
        return "txt", "\n".join(lines).encode("utf-8")
    if enc == "cut-char":  # a multi-byte character cut in the middle
        data = text.encode("utf-8")
        pos = next(i for i in range(rng.randrange(len(data) // 2), len(data)) if data[i] >= 0xE0)
        return "txt", data[:pos + 1] + data[pos + 3:]
    if enc == "one-bad-byte":
        damaged = bytearray(text.encode("utf-8"))
        damaged[rng.randrange(len(damaged))] = 0xFF
        return "txt", bytes(damaged)
    return "txt", text.encode(enc, errors="replace")


BAD_NUMBERS = ["1e400", "9" * 30, "123456789012345678901234567", "1.2.3", "--5", "NaN", "Infinity", "-0.00",
               "1e-400", "0x1F", "1,2,3,4", "(((5)))", "１２３．４５", "٣٤٥", "12.345.678,90", "∞", "1_000",
               "99999999999999999999.99", "0." + "0" * 40 + "1", "-" * 5, "1e9999999999"]
_NUM_TOKEN = re.compile(r"\d[\d,]*\.\d{2}")


def malformed_numbers(rng: random.Random, bases: Bases) -> Built:
    text = _text(bases)
    spots = list(_NUM_TOKEN.finditer(text))
    chosen = sorted(rng.sample(spots, min(len(spots), rng.choice([1, 3, 20]))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        out.append(text[last:m.start()])
        out.append(rng.choice(BAD_NUMBERS))
        last = m.end()
    out.append(text[last:])
    return "txt", "".join(out).encode("utf-8")


def shuffled_tables(rng: random.Random, bases: Bases) -> Built:
    """Blocks of lines duplicated, dropped or moved: tables printed twice, out of order."""
    lines = _text(bases).split("\n")
    size = rng.choice([5, 20, 80])
    blocks = [lines[i:i + size] for i in range(0, len(lines), size)]
    op = rng.choice(["dup", "shuffle", "drop"])
    if op == "dup":
        k = rng.randrange(len(blocks))
        blocks.insert(k, list(blocks[k]))
    elif op == "shuffle":
        rng.shuffle(blocks)
    else:
        del blocks[rng.randrange(len(blocks))]
    return "txt", "\n".join(ln for b in blocks for ln in b).encode("utf-8")


def huge_lines(rng: random.Random, bases: Bases) -> Built:
    kind = rng.choice(["long-line", "many-lines", "many-cells", "long-number"])
    text = _text(bases)
    if kind == "long-line":
        return "txt", (text + "\n" + "收入" * 500_000 + "\n").encode("utf-8")
    if kind == "many-lines":
        return "txt", (text + "\n" + "1\n" * 400_000).encode("utf-8")
    if kind == "many-cells":
        return "txt", (text + "\n" + "\t".join(["1.00"] * 100_000) + "\n").encode("utf-8")
    return "txt", text.replace("合计", "合计\t" + "9" * 5000, 1).encode("utf-8")


# ----------------------------------------------------------------------------- PDF


def broken_pdf(rng: random.Random, bases: Bases) -> Built:
    data = bases["pdf"]
    kind = rng.choice(["xref", "startxref", "stream-length", "stream-bytes", "no-eof", "objects"])
    if kind == "xref":  # offsets in the cross-reference table point elsewhere
        return "pdf", re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (rng.randrange(10**9), m.group(2)), data)
    if kind == "startxref":
        return "pdf", re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.randrange(10**6)).encode(), data)
    if kind == "stream-length":
        return "pdf", re.sub(rb"/Length \d+", lambda m: b"/Length " + str(rng.randrange(10**7)).encode(), data)
    if kind == "stream-bytes":  # damage the inside of compressed streams
        buf = bytearray(data)
        for m in list(re.finditer(rb"stream\r?\n", data))[: rng.choice([1, 5, 50])]:
            for _ in range(8):
                k = m.end() + rng.randrange(64)
                if k < len(buf):
                    buf[k] = rng.randrange(256)
        return "pdf", bytes(buf)
    if kind == "no-eof":
        return "pdf", data.replace(b"%%EOF", b"")
    return "pdf", re.sub(rb"\d+ 0 obj", lambda m: b"%d 0 obj" % rng.randrange(1, 50), data)


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A minimal PDF with a correct cross-reference table around ``objects`` (1-based)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def hostile_pdf(rng: random.Random, bases: Bases) -> Built:
    kind = rng.choice(["encrypted", "huge-page", "many-chars", "page-count", "deep-array", "flate-bomb", "many-pages"])
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    if kind == "encrypted":
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32 + b"> >>"]
        return "pdf", _pdf(objs, b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")
    if kind == "huge-page":
        content = b"BT /F1 12 Tf 100 100 Td (1,234.56) Tj ET"
        box = b"[0 0 14400 14400]" if rng.random() < 0.5 else b"[0 0 1e30 1e30]"
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                _stream(content), font]
        return "pdf", _pdf(objs)
    if kind == "many-chars":  # one page whose text layer has a million characters
        content = b"BT /F1 1 Tf 0 800 Td " + (b"0 -1 Td (" + b"8" * 10_000 + b") Tj ") * 100 + b"ET"
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                _stream(content), font]
        return "pdf", _pdf(objs)
    if kind == "page-count":  # the page tree claims a million pages
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
        return "pdf", _pdf(objs)
    if kind in ("deep-array", "flate-bomb", "many-pages"):
        return _once(kind, b"", lambda: _big_pdf(kind))
    raise AssertionError(kind)


def _big_pdf(kind: str) -> Built:
    if kind == "deep-array":
        deep = b"[" * 100_000 + b"]" * 100_000
        objs = [b"<< /Type /Catalog /Pages 2 0 R /X " + deep + b" >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
        return "pdf", _pdf(objs)
    if kind == "flate-bomb":  # a content stream inflating to ~400 MB
        comp = zlib.compressobj(9)
        chunk = b" " * (1 << 20)
        bomb = b"".join(comp.compress(chunk) for _ in range(400)) + comp.flush()
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                _stream(bomb, b"/Filter /FlateDecode ")]
        return "pdf", _pdf(objs)
    n = 2000
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return "pdf", _pdf(objs)


# ----------------------------------------------------------------------------- Office


Body = bytes | list[bytes]  # a list is written piece by piece (a bomb never sits in memory)


def _rezip(data: bytes, replace: dict[str, Body]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = [i.filename for i in src.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names + [n for n in replace if n not in names]:
            body = replace[name] if name in replace else src.read(name)
            with z.open(name, "w", force_zip64=True) as f:
                for piece in [body] if isinstance(body, bytes) else body:
                    f.write(piece)
    return out.getvalue()


_MB_BLANK = b" " * (1 << 20)


def hostile_docx(rng: random.Random, bases: Bases) -> Built:
    data = bases["docx"]
    kind = rng.choice(["gridspan", "deep", "bomb", "entities", "many-rows", "broken-xml"])
    if kind in ("deep", "bomb", "many-rows"):
        return _once(kind, data, lambda: _big_docx(rng, data, kind))
    return _big_docx(rng, data, kind)


def _big_docx(rng: random.Random, data: bytes, kind: str) -> Built:
    doc = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    if kind == "gridspan":
        span = rng.choice([b"1000000000", b"99999", b"-5", b"x"])
        doc = re.sub(rb"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + span + b'"/>', doc, count=rng.choice([1, 50]))
    elif kind == "deep":
        doc = doc.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 5000
                          + b"</w:sdtContent></w:sdt>" * 5000, 1)
    elif kind == "bomb":  # document.xml inflating to ~400 MB of blanks
        head, _, tail = doc.partition(b"<w:body>")
        return "docx", _rezip(data, {"word/document.xml": [head + b"<w:body>", *[_MB_BLANK] * 400, tail]})
    elif kind == "entities":
        doc = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' + doc.split(b"?>", 1)[-1])
        doc = doc.replace(b"<w:t>", b"<w:t>&d;&d;&d;", 1)
    elif kind == "many-rows":
        row = re.search(rb"<w:tr[ >].*?</w:tr>", doc, re.S)
        if row:
            doc = doc.replace(row.group(0), row.group(0) * 120_000, 1)
    else:
        doc = doc[: len(doc) // 2]
    return "docx", _rezip(data, {"word/document.xml": doc})


def hostile_xlsx(rng: random.Random, bases: Bases) -> Built:
    data = bases["xlsx"]
    kind = rng.choice(["shared-strings", "million-rows", "dimension", "deep", "encrypted-flag", "bad-numbers"])
    if kind in ("shared-strings", "million-rows", "deep"):
        return _once(kind, data, lambda: _big_xlsx(rng, data, kind))
    return _big_xlsx(rng, data, kind)


def _big_xlsx(rng: random.Random, data: bytes, kind: str) -> Built:
    z = zipfile.ZipFile(io.BytesIO(data))
    sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    xml = z.read(sheet)
    if kind == "shared-strings":  # one shared string of ~300 MB
        head = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'count="1" uniqueCount="1"><si><t>')
        return "xlsx", _rezip(data, {"xl/sharedStrings.xml": [head, *[b"A" * (1 << 20)] * 400, b"</t></si></sst>"]})
    if kind == "million-rows":
        rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_001))
        xml = re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", lambda m: b"<sheetData>" + rows + b"</sheetData>", xml, flags=re.S)
        return "xlsx", _rezip(data, {sheet: xml})
    if kind == "dimension":  # a cell at the far corner of the sheet
        xml = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
        return "xlsx", _rezip(data, {sheet: xml})
    if kind == "deep":
        xml = xml.replace(b"</sheetData>", b"</sheetData>" + b"<extLst>" * 50_000 + b"</extLst>" * 50_000)
        return "xlsx", _rezip(data, {sheet: xml})
    if kind == "encrypted-flag":
        buf = bytearray(data)
        buf[6] |= 0x1  # the general-purpose flag of the first local header: "encrypted"
        return "xlsx", bytes(buf)
    xml = re.sub(rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice([b"1e400", b"NaN", b"9" * 30, b"x"]) + b"</v>", xml, count=50)
    return "xlsx", _rezip(data, {sheet: xml})


# ----------------------------------------------------------------------------- HTML


def hostile_html(rng: random.Random, bases: Bases) -> Built:
    kind = rng.choice(["colspan", "deep", "many-rows", "meta-charset", "huge-cell"])
    html = bases["html"]
    if kind == "colspan":
        return "html", html.replace(b"<td", b'<td colspan="1000000000" rowspan="99999"', rng.choice([1, 200]))
    if kind == "deep":
        return "html", b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000 + b"</body></html>"
    if kind == "many-rows":
        return "html", b"<html><body><table>" + b"<tr>" + b'<td colspan="200">1.00</td>' * 50 + b"</tr>" * 0 + (
            b"<tr>" + b'<td colspan="200">1.00</td>' * 20 + b"</tr>") * 20_000 + b"</table></body></html>"
    if kind == "meta-charset":
        return "html", html.replace(b"<head>", b'<head><meta charset="x-no-such-charset">', 1)
    return "html", b"<html><body><table><tr><td>" + "收入".encode() * 2_000_000 + b"</td></tr></table></body></html>"


# ----------------------------------------------------------------------------- model JSON

_JSON_VALUE = re.compile(rb'"(value|total|amount|budget|final|previous)": ?"(-?[0-9][0-9.]*)"')


def hostile_json(rng: random.Random, bases: Bases) -> Built:
    """A model JSON (what ``juesuan check model.json`` and ``render`` read) with numbers out of
    any range, wrong types, deep nesting or a cut."""
    data = bases["json"]
    kind = rng.choice(["numbers", "types", "deep", "cut", "huge-array"])
    if kind == "numbers":
        spots = list(_JSON_VALUE.finditer(data))
        chosen = sorted(rng.sample(spots, min(len(spots), rng.choice([1, 5, 50]))), key=lambda m: m.start())
        out, last = [], 0
        for m in chosen:
            bad = rng.choice(["1E+999999", "1e400", "NaN", "-Infinity", "9" * 30, "1e-400", "0." + "0" * 60 + "1", "-0"])
            out += [data[last:m.start(2)], bad.encode()]
            last = m.end(2)
        return "json", b"".join(out) + data[last:]
    if kind == "types":
        return "json", re.sub(rb'"(value|unit|kind)": ?("[^"]*"|null)', lambda m: b'"' + m.group(1) + b'": '
                              + rng.choice([b"[]", b"{}", b"true", b"1e999", b'"x"']), data, count=rng.choice([1, 20]))
    if kind == "deep":
        return "json", data[:-1] + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if kind == "huge-array":
        return "json", data[:-1] + b', "claims": [' + b",".join([b"{}"] * 200_000) + b"]}"
    return "json", data[: rng.randrange(1, len(data))]


BUILDERS: dict[str, Callable[[random.Random, Bases], Built]] = {
    "byte_flips": byte_flips,
    "truncation": truncation,
    "chunk_duplication": chunk_duplication,
    "chunk_shuffle": chunk_shuffle,
    "legacy_encoding": legacy_encoding,
    "malformed_numbers": malformed_numbers,
    "shuffled_tables": shuffled_tables,
    "huge_lines": huge_lines,
    "broken_pdf": broken_pdf,
    "hostile_pdf": hostile_pdf,
    "hostile_docx": hostile_docx,
    "hostile_xlsx": hostile_xlsx,
    "hostile_html": hostile_html,
    "hostile_json": hostile_json,
}
