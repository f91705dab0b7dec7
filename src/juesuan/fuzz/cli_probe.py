"""``python -m juesuan.fuzz.cli_probe FILE``: exactly ``juesuan check --format json FILE`` (the
console script's ``main``), with the OCR engine made unavailable when the fuzz run says so
(``JUESUAN_FUZZ_NO_OCR=1``) — the fuzz harness's CLI-level probe (run.check_cli)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if os.environ.get("JUESUAN_FUZZ_NO_OCR") == "1":
        from juesuan.fuzz.run import disable_ocr

        disable_ocr()  # the bounded worker is forked from this process and inherits it
    from juesuan.cli.main import main as cli

    cli(["check", "--format", "json", *sys.argv[1:]])


if __name__ == "__main__":
    main()
