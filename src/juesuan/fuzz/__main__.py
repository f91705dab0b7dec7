"""``python -m juesuan.fuzz [-n N] [--workers W] [--seed S] [--builder NAME]``: the full fuzz
run (``make fuzz``); prints counts by outcome and builder; exit 1 on any failure."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from juesuan.fuzz.run import FAILURES, fuzz_limits, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m juesuan.fuzz", description="对每种格式的损坏与恶意输入做模糊测试")
    ap.add_argument("-n", type=int, default=10_000, help="输入个数")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--builder", action="append", help="只用这些构造器（可重复）")
    ap.add_argument("--seconds", type=float, default=60.0,
                    help="每个输入的 CPU 时间上限（秒；墙钟上限为其 5 倍）；超过者计为 bound（默认 60）")
    ap.add_argument("--ocr-every", type=int, default=10,
                    help="每 N 个输入中有 1 个可用文字识别（OCR），其余按未安装 OCR 处理（默认 10；1 为全部）")
    ap.add_argument("--cli-every", type=int, default=50,
                    help="每 N 个输入中有 1 个经由真实的 juesuan check 子进程检查（退出码、标准输出与标准错误；默认 50，0 为不用）")
    a = ap.parse_args(argv)
    con = Console(width=None if sys.stdout.isatty() else 120)
    lim = fuzz_limits(a.seconds)
    con.print(f"{a.n} 个输入，{a.workers} 个工作进程，每个输入上限 CPU {lim.cpu_seconds:g} 秒、墙钟 {lim.seconds:g} 秒、"
              f"内存 {lim.memory_mb} MB，"
              f"每 {a.ocr_every} 个输入 1 个可用 OCR")
    with Progress(TextColumn("模糊测试"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=con) as p:
        task = p.add_task("fuzz", total=a.n)
        seen: Counter = Counter()

        def advance(kind: str) -> None:
            p.advance(task)
            seen[kind] += 1
            done = sum(seen.values())
            if not con.is_terminal and done % 250 == 0:  # a log file gets a line now and then
                con.print(f"已完成 {done}/{a.n}：" + "，".join(f"{k} {v}" for k, v in sorted(seen.items())))

        res = run(a.n, a.workers, a.seed, a.builder, progress=advance, limits=lim, ocr_every=a.ocr_every,
                  cli_every=a.cli_every)
    t = Table(title="结果（按构造器）", title_justify="left")
    kinds = ["report", "unreadable", "bound", *FAILURES]
    t.add_column("构造器")
    for k in kinds:
        t.add_column(k, justify="right")
    for name, c in sorted(res.by_builder.items()):
        t.add_row(name, *(str(c.get(k, 0)) for k in kinds))
    t.add_row("合计", *(str(res.outcomes.get(k, 0)) for k in kinds))
    con.print(t)
    r = Table(title="无法读取的原因（前 25 种）", title_justify="left")
    r.add_column("原因")
    r.add_column("次数", justify="right")
    for reason, n in res.reasons.most_common(25):
        r.add_row(reason, str(n))
    con.print(r)
    rate = res.total / res.seconds if res.seconds else 0.0
    con.print(f"{res.total} 个输入（{res.total - res.repeats} 个互不相同；{res.repeats} 个与先前的输入逐字节相同，沿用其结果），"
              f"用时 {res.seconds:.0f} 秒（{rate:.2f} 个/秒）；最慢：" +
              "，".join(f"{case} {secs:.1f} 秒（{kind}）" for secs, case, kind in res.slowest[:5]))
    con.print(f"工作进程内存峰值 {res.peak_mb:.0f} MB（{res.peak_case}）")
    for case, detail in res.bounded[:20]:
        con.print(f"[yellow]bound[/yellow] {case}: {detail}")
    for case, kind, detail in res.failures[:50]:
        con.print(f"[red]{kind}[/red] {case}: {detail}")
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
