"""The user-facing message catalogue: Chinese by default, English with ``--lang en``.

Every message a person reads on the command line or in a report header is looked up here by a
stable id (``t("err.read", path=…, why=…)``), so the wording lives in one place and a second
language is one more column, not a second copy of the code. Developer-facing text (exceptions
raised inside the pipeline, logs, docs) stays English; where such text reaches a user — the
``why`` of a ``ReadError``, a repair's reason, a reading warning — :func:`translate_reason`
turns it into Chinese through the pattern table at the end of this module.

Why not gettext: a dozen modules, two languages and ~150 messages; a dict keyed by id is
smaller than .po/.mo tooling and keeps the catalogue greppable and testable.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

from juesuan import lazy

LANGS = ("zh", "en")
_state = {"lang": "zh" if os.environ.get("JUESUAN_LANG", "zh").lower().startswith("zh") else "en"}


def set_lang(lang: str) -> None:
    lang = (lang or "zh").lower()
    _state["lang"] = "en" if lang.startswith("en") else "zh"


def lang() -> str:
    return _state["lang"]


# id → (Chinese, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- CLI: application and options --------------------------------------------------
    "app.help": ("juesuan（决算）：读取、审核和编写部门决算公开文件。",
                 "juesuan (决算): read, audit and write departmental final-accounts disclosures."),
    "opt.lang": ("界面语言：zh（中文，默认）或 en（英文）。", "Interface language: zh (Chinese, default) or en."),
    "opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "check.help": ("审核一份部门决算：运行全部规则，报告发现的问题和核对覆盖情况。",
                   "Audit a disclosure: run every rule and report the findings and the coverage."),
    "check.file": ("要审核的决算文件（PDF、文本、Word、Excel、HTML 或 juesuan 模型 JSON）。",
                   "The disclosure to audit (PDF, text, Word, Excel, HTML or model JSON)."),
    "check.format": ("报告格式：text（终端）、json、html（可打印）、csv（Excel 可直接打开）、xlsx（Excel 工作簿）、"
                     "checklist（检查表 xlsx）；xlsx 与 checklist 须配合 -o。",
                     "Report format: text (terminal), json, html (printable), csv (opens in Excel), xlsx (workbook), "
                     "checklist (xlsx); xlsx and checklist need -o."),
    "check.output": ("把报告写入此文件，而不是输出到屏幕（xlsx 格式必须指定）。",
                     "Write the report to this file instead of stdout (required for xlsx)."),
    "check.coverage": ("与 --format csv 同用：输出核对覆盖情况（规则、表、结果、原因），而不是审核发现。",
                       "With --format csv: write the coverage (rule, table, status, reason) instead of the findings."),
    "check.rules": ("只运行这些规则：逗号分隔的规则编号或规则族字母，如 A,X-T05-T06-basic。",
                    "Run only these rules: comma-separated rule ids or family letters, e.g. A,X-T05-T06-basic."),
    "check.exclude": ("不运行这些规则：逗号分隔的规则编号或规则族字母，如 N,K。",
                      "Skip these rules: comma-separated rule ids or family letters, e.g. N,K."),
    "extract.help": ("把决算文件读成标准模型，输出其单元格。", "Read a disclosure into the canonical model and print its cells."),
    "extract.file": ("决算文件：文本、PDF、Word、Excel、HTML 或 juesuan 模型 JSON。",
                     "A disclosure: text, PDF, Word, Excel, HTML, or a juesuan model JSON."),
    "extract.format": ("输出格式：csv（单元格，机器可读，规范第 3 节）、perf-csv（绩效自评表的每个印出数值，"
                       "一行一个）、json（完整模型）或 text（表格视图）。",
                       "csv (cells, spec §3), perf-csv (every printed figure of the performance tables), "
                       "json (full model) or text."),
    "extract.excel": ("单元格 CSV 加 UTF-8 BOM、中文表头，便于在 Excel 中双击打开（供人阅读；机器读取请用 --format csv）。",
                      "Cells CSV with a UTF-8 BOM and Chinese headers, for Excel (people; machines use --format csv)."),
    "extract.output": ("写入此文件，而不是输出到屏幕。", "Write to this file instead of stdout."),
    "render.help": ("根据数据编写决算公开文件（先核对数字是否自洽）。",
                    "Write a disclosure from data, after checking that its figures hold together."),
    "render.model": ("模型 JSON、录入表（juesuan template 生成）或 juesuan 能读取的任何决算文件。",
                     "Model JSON, input workbook (juesuan template), or any disclosure juesuan can read."),
    "render.to": ("输出格式：xlsx | docx | html | pdf | txt。", "Output format: xlsx | docx | html | pdf | txt."),
    "render.out": ("输出文件（txt/html 可用 '-' 输出到屏幕）。默认与输入文件同目录。",
                   "Output file ('-' for stdout with txt/html). Default: next to MODEL."),
    "render.previous": ("上年度模型 JSON 或决算文件（用于同比表述）。",
                        "Previous year's model JSON or disclosure (year-on-year sentences)."),
    "render.budgets": ("BUDGETS.json：年初预算数及表中没有的事实（覆盖从原文读取的数）。",
                       "BUDGETS.json: 年初预算 and facts not in the tables (overrides what was read)."),
    "render.style": ("表格样式：national（全国：公开07政府性基金、08国有资本经营、09“三公”）或 shanghai（上海：公开07“三公”、"
                     "08政府性基金、09国有资本经营）；不指定时按输入文件的表序判断。",
                     "Table style: national (07 fund, 08 state capital, 09 三公) or shanghai (07 三公, 08 fund, "
                     "09 state capital); by default taken from the input's table order."),
    "render.force": ("即使数字核对未通过也照样生成。", "Render even when the figures fail validation."),
    "template.help": ("生成录入表（Excel）：每张表一页，科目编码可从下拉列表选择；可用上年决算预填。",
                      "Write the input workbook: one sheet per table, codes as pick lists; optionally pre-filled."),
    "template.out": ("录入表保存位置（.xlsx）。", "Where to write the input workbook (.xlsx)."),
    "template.from": ("上年度的决算公开文件（PDF、文本等）或模型 JSON：预填部门名称、年度（上年 + 1）、各表科目行和"
                      "“本表无数据”说明；金额留空待填（不沿用上年数字）。",
                      "Last year's disclosure (PDF, text, …) or model JSON: pre-fill department, year (+1), the rows "
                      "of each table and empty-table statements; amounts are left blank."),
    "demo.help": ("生成虚构部门（虚构名称、多个年度）并以各种格式输出。",
                  "Create synthetic departments (made-up names, several years) and render each in every format."),
    "demo.outdir": ("虚构部门的输出目录。", "Directory for the synthetic departments."),
    "demo.seed": ("虚构数据的随机种子（结果可复现）。", "Seed of the synthetic data (deterministic)."),
    "demo.formats": ("要输出的格式，逗号分隔。", "Comma-separated formats to render."),
    "check.previous": ("上年度的决算公开文件：另做跨年比较（Y 类规则）",
                      "Last year's disclosure: also compare across years (Y rules)."),
    "store.db": ("数据库：SQLite 文件路径或 URL（postgresql://…）；默认取环境变量 JUESUAN_DB，否则为用户数据目录下的 juesuan.db",
                "Database: a SQLite file path or a URL (postgresql://…); default $JUESUAN_DB, else juesuan.db in the user data directory."),
    "ingest.help": ("读取、审核并保存一个或多个决算公开文件（可给文件、文件夹或通配符）。同一文件重复入库只保存一次。",
                   "Read, audit and store one or more disclosures (files, folders or globs). The same file is stored once."),
    "ingest.files": ("文件、文件夹或通配符",
                    "Files, folders or globs."),
    "ingest.source_url": ("文件的发布地址（只给一个文件时）",
                         "Where the file was published (with a single file)."),
    "ingest.isolate": ("在受限的子进程中读取（默认开启）",
                      "Read in a bounded worker process (default on)."),
    "serve.help": ("启动网页和 HTTP 接口（浏览器打开显示的地址；接口文档在 /api/docs）。",
                  "Start the web application and HTTP API (open the address shown; API docs at /api/docs)."),
    "serve.host": ("监听地址（默认只允许本机访问）",
                  "Address to listen on (default: this machine only)."),
    "serve.port": ("端口",
                  "Port."),
    "serve.max_upload_mb": ("单个请求的大小上限（MB，默认 JUESUAN_MAX_UPLOAD_MB 或 50）",
                           "Largest request accepted (MB; default $JUESUAN_MAX_UPLOAD_MB or 50)."),
    "stats.help": ("按规则统计审核结果：问题数、确认、驳回、未审核、确认率。",
                  "Audit results by rule: findings, confirmed, rejected, not reviewed, confirmation rate."),
    "batch.help": ("批量检查：逐个读取并审核文件、文件夹（递归）或通配符匹配的全部决算公开文件，结果随完成写入数据库；中断后再次运行会跳过已完成的文件。",
                  "Check in bulk: read and audit every disclosure among the files, folders (recursively) or globs, storing each result as it completes; run again after an interruption and finished files are skipped."),
    "batch.paths": ("文件、文件夹或通配符（如 '2024/**/*.pdf'）",
                   "Files, folders or globs (e.g. '2024/**/*.pdf')."),
    "batch.db": ("结果数据库（SQLite 文件路径或 postgresql:// 地址；默认 $JUESUAN_DB 或用户数据目录）",
                "Results database (a SQLite file path or a postgresql:// URL; default $JUESUAN_DB or the user data directory)."),
    "batch.workers": ("本机并行进程数（默认：本进程可用的 CPU 核数，含容器的 CPU 配额）",
                     "Worker processes on this machine (default: the cores this process may use, a container's CPU quota included)."),
    "batch.out": ("输出目录：汇总工作簿、CSV 和每个文件的 HTML 报告",
                 "Output folder: summary workbook, CSV and an HTML report per file."),
    "batch.dask": ("在 Dask 集群上运行（调度器地址 tcp://HOST:PORT；也可设 DASK_SCHEDULER_ADDRESS）",
                  "Run on a Dask cluster (scheduler address tcp://HOST:PORT; or set DASK_SCHEDULER_ADDRESS)."),
    "batch.limit": ("调整单个文件的限制，如 seconds=120、memory_mb=2048（见 docs/batch.md）",
                   "Change a per-file limit, e.g. seconds=120, memory_mb=2048 (see docs/batch.md)."),
    # -- CLI: progress and results -------------------------------------------------------
    "progress.reading": ("正在读取 {path} …", "Reading {path} …"),
    "progress.pages": ("第 {done}/{total} 页", "page {done}/{total}"),
    "progress.auditing": ("正在审核 …", "Auditing …"),
    "progress.rendering": ("正在生成", "rendering"),
    "progress.done": ("完成", "done"),
    "written": ("已写入 {path}", "written {path}"),
    "demo.written": ("已生成 {n} 个虚构部门 × {years} 个年度，保存在 {path}",
                     "{n} synthetic departments × {years} years written to {path}"),
    # -- CLI: errors ---------------------------------------------------------------------
    "err.prefix": ("juesuan：", "juesuan: "),
    "err.read": ("无法读取 {path}：{why}", "cannot read {path}: {why}"),
    "err.write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "err.mkdir": ("无法创建目录 {path}：{why}", "cannot create {path}: {why}"),
    "err.reader_bug": ("读取时出现内部错误（{kind}：{why}）", "internal error while reading ({kind}: {why})"),
    "err.xlsx_needs_output": ("xlsx 格式是文件，请用 -o 指定文件名，例如 -o 审核结果.xlsx",
                              "xlsx is a file format: give a file name with -o, e.g. -o findings.xlsx"),
    "err.unknown_format": ("未知格式 {fmt}（可选：{choices}）", "unknown format {fmt} (choose from {choices})"),
    "err.unknown_formats": ("未知格式：{fmts}（可选：{choices}）", "unknown format(s): {fmts} (choose from {choices})"),
    "err.unknown_style": ("未知的表格样式 {style}（可选：{choices}）", "unknown table style {style} (choose from {choices})"),
    "err.stdout_only_text": ("--out -（输出到屏幕）只适用于 txt 和 html，不适用于 {fmt}",
                             "--out - (stdout) is only for txt and html, not {fmt}"),
    "err.not_rendering": ("{path}：数字核对发现 {n} 个错误，未生成（如仍要生成，请加 --force）",
                          "{path}: {n} error finding(s) in the figures; not rendering (use --force to render anyway)"),
    "err.template_suffix": ("{path}：录入表是 Excel 工作簿，请用 .xlsx 文件名",
                            "{path}: the template is an Excel workbook; give a .xlsx file name"),
    "err.skip_pdf": ("跳过 pdf：{why}", "skipping pdf: {why}"),
    "err.symlink": ("是符号链接，为安全起见不覆盖", "is a symbolic link; not overwritten for safety"),
    "err.not_regular": ("不是普通文件，不覆盖", "is not a regular file; not overwritten"),
    "validate.line": ("{severity}：{rule}：{message}", "{severity}: {rule}: {message}"),
    # -- severities, statuses, families --------------------------------------------------
    "sev.error": ("错误", "error"),
    "sev.warning": ("警告", "warning"),
    "sev.info": ("提示", "info"),
    "cov.passed": ("通过", "passed"),
    "cov.failed": ("未通过", "failed"),
    "cov.not_applicable": ("不适用", "not applicable"),
    "cov.not_checked": ("未核对", "not checked"),
    # -- report: headers and summary -------------------------------------------------------
    "report.title": ("{department} {year} 年度部门决算 · 审核报告", "{department} {year} final accounts · audit report"),
    "report.unknown_department": ("（未识别部门）", "(department not recognised)"),
    "report.no_findings": ("未发现问题。", "No findings."),
    "report.source": ("来源", "Source"),
    "report.unit": ("单位", "Unit"),
    "report.department": ("部门", "Department"),
    "report.year": ("年度", "Year"),
    "report.tables": ("表", "Tables"),
    "report.none": ("无", "none"),
    "report.uncertain": ("提取存疑", "extraction uncertain"),
    "report.findings": ("审核发现", "Findings"),
    "report.coverage": ("核对覆盖情况", "Coverage"),
    "report.coverage_note": ("“未核对”表示所需的表未能完整读取或未印出，不代表通过。",
                             "“not checked” means a table it needs was not read; it never means passed."),
    "report.coverage_missing": ("本次审核未提供逐条规则的核对覆盖情况（不能据此认为全部通过）。",
                                "This audit reported no per-rule coverage (do not read it as all passed)."),
    "report.reading": ("读取说明", "Reading notes"),
    "report.repairs": ("修复记录", "Repairs"),
    "report.generated": ("由 juesuan {version} 生成", "generated by juesuan {version}"),
    "col.page": ("页码", "page"),
    "col.line": ("行", "line"),
    "col.table": ("表", "table"),
    "col.row": ("行项目", "row"),
    "col.column": ("栏目", "column"),
    "col.expected": ("应为", "expected"),
    "col.actual": ("实为", "actual"),
    "col.difference": ("差额", "difference"),
    "col.severity": ("严重程度", "severity"),
    "col.rule": ("规则", "rule"),
    "col.message": ("说明", "message"),
    "col.review": ("复核意见", "review"),
    "col.family": ("类别", "family"),
    "col.cells": ("涉及单元格", "cells"),
    "col.claims": ("涉及原文", "claims"),
    "col.uncertain": ("提取存疑", "extraction uncertain"),
    "col.status": ("结果", "status"),
    "col.reason": ("原因", "reason"),
    "col.count": ("数量", "count"),
    "col.value": ("数值", "value"),
    "col.raw": ("印刷原文", "raw"),
    "col.repaired": ("是否修复", "repaired"),
    "col.repair": ("修复说明", "repair"),
    "col.where": ("位置", "where"),
    "col.item": ("项目", "item"),
    "col.all_tables": ("（全文）", "(document)"),
    "value.present": ("已印出", "present"),
    "value.absent": ("未印出", "absent"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "sheet.findings": ("审核发现", "Findings"),
    "sheet.coverage": ("核对覆盖情况", "Coverage"),
    "sheet.document": ("文件信息", "Document"),
    "summary.line": ("错误 {error}　警告 {warning}　提示 {info}", "errors {error}  warnings {warning}  info {info}"),
    "coverage.totals": ("通过 {passed}　未通过 {failed}　不适用 {not_applicable}　未核对 {not_checked}（通过率 {rate}）",
                        "passed {passed}  failed {failed}  n/a {not_applicable}  not checked {not_checked} (pass rate {rate})"),
}


def t(msg_id: str, **kw: object) -> str:
    """The message ``msg_id`` in the current language, formatted with ``kw``."""
    zh, en = MESSAGES[msg_id]
    text = en if _state["lang"] == "en" else zh
    return text.format(**kw) if kw else text


def english_for(text: str) -> str | None:
    """The English of a Chinese catalogue text (used to re-label Click's help under --lang en)."""
    return _ZH_TO_EN.get(text)


_ZH_TO_EN = {zh: en for zh, en in MESSAGES.values()}


def pct(value: Decimal | float | None, places: int = 2) -> str:
    """A percentage as people print it: 71.65% (never 71.6539)."""
    if value is None:
        return "—"
    from juesuan.money import quantize

    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{quantize(d, Decimal(1).scaleb(-places)):f}%"


def severity(s: str) -> str:
    return t(f"sev.{s}") if f"sev.{s}" in MESSAGES else s


def status(s: str) -> str:
    return t(f"cov.{s}") if f"cov.{s}" in MESSAGES else s


# -- reasons written in English inside the pipeline, shown in Chinese -----------------------
# (pattern on the English text, Chinese template using the pattern's named groups). The first
# match wins; text that matches nothing is shown as it is (it names the file and place anyway).
# A command translates a few texts if any, so each pattern is compiled on first use
# (juesuan.lazy) and only tried on a text that starts with the pattern's literal head.
_META = frozenset("\\.^$*+?{}[]()|")


def _literal_head(regex: str) -> str:
    """The text every match of the anchored ``regex`` starts with: its characters after ``^``
    up to the first metacharacter, less the last one when a quantifier makes it optional
    (``arguments? `` → ``argument``); empty when the pattern is not anchored or has an
    alternative (``|``)."""
    if not regex.startswith("^") or "|" in regex:
        return ""
    head: list[str] = []
    for ch in regex[1:]:
        if ch in _META:
            if ch in "?*{" and head:
                head.pop()
            break
        head.append(ch)
    return "".join(head)


_REASONS: list[tuple[re.Pattern[str], str, str]] = [(lazy.pattern(p), _literal_head(p), zh) for p, zh in (
    # read/ and pipeline
    (r"^no such file$", "文件不存在"),
    (r"^is a directory, not a file$", "这是一个目录，不是文件"),
    (r"^empty file$", "文件是空的"),
    (r"^file too large \((?P<a>\d+) MiB > (?P<b>\d+) MiB\)$", "文件太大（{a} MiB，上限 {b} MiB）"),
    (r"^out of memory while reading the (?P<f>\w+) file$", "读取 {f} 文件时内存不足"),
    (r"^(?P<f>\w+) file is nested too deeply to read$", "{f} 文件嵌套过深，无法读取"),
    (r"^cannot read (?P<f>\w+) file \((?P<e>.*)\)$", "无法解析 {f} 文件（{e}）"),
    (r"^legacy Office format .*$", "旧版 Office 格式（.doc/.xls）或加密的 Office 文件不受支持；请另存为 .docx/.xlsx"),
    (r"^legacy Word document \(\.doc\).*$", "旧版 Word 文件（.doc）不受支持；请另存为 .docx 或 PDF"),
    (r"^an Office file that is neither.*$", "这个 Office 文件既不是 Excel 工作簿，也不是 Word 文件"),
    (r"^corrupt Office file.*$", "Office 文件已损坏"),
    (r"^not a readable Excel 97–2003 workbook.*$", "不是可读取的 Excel 97–2003 工作簿（.xls）"),
    (r"^xlrd is not installed$", "未安装 xlrd，无法读取 .xls 文件"),
    (r"^a zip archive, not a disclosure.*$", "这是压缩包，不是决算文件（请解压后读取其中的文件）"),
    (r"^unsupported format \((?P<f>.*)\)$", "不支持的格式（{f}）"),
    (r"^encrypted (?P<k>.*) \(password protected\)$", "文件已加密（有密码保护）"),
    (r"^(?:encrypted|password).*$", "文件已加密（有密码保护）"),
    (r"^corrupt or truncated (?P<k>[^(]*?)(?: \((?P<e>.*)\))?$", "文件损坏或不完整（{k}）"),
    (r"^(?P<k>.*) too large when unpacked \((?P<n>\d+) MiB\)$", "解压后过大（{n} MiB）"),
    (r"^corrupt (?P<k>.*) \(damaged part (?P<p>.*)\)$", "文件损坏（部件 {p} 已损坏）"),
    (r"^python-docx is not installed$", "未安装 python-docx，无法读取 Word 文件"),
    (r"^openpyxl is not installed$", "未安装 openpyxl，无法读取 Excel 文件"),
    (r"^Pillow is not installed$", "未安装 Pillow，无法读取图片"),
    (r"^not a readable Word document.*$", "不是可读取的 Word 文件"),
    (r"^Word document has no text$", "Word 文件中没有文字"),
    (r"^not a readable Excel workbook.*$", "不是可读取的 Excel 工作簿"),
    (r"^workbook too large.*$", "工作簿过大，不是一份决算文件"),
    (r"^Excel workbook has no data$", "Excel 工作簿中没有数据"),
    (r"^not a text file \(unknown encoding\)$", "不是文本文件（无法识别编码）"),
    (r"^cannot decode text.*$", "无法识别文本编码"),
    (r"^binary data, not a text document$", "这是二进制数据，不是文本文件"),
    (r"^not a readable HTML page.*$", "不是可读取的网页文件"),
    (r"^HTML page has no text$", "网页中没有文字"),
    (r"^truncated PDF.*$", "PDF 文件不完整（在文件结束标记之前就结束了）"),
    (r"^(?:corrupt|damaged).*PDF.*$|^corrupt.*$", "PDF 文件已损坏"),
    (r"^.*(?:password|encrypted).*$", "文件已加密（有密码保护）"),
    (r"^cannot open PDF.*$", "无法打开 PDF 文件"),
    (r"^PDF has no pages$", "PDF 文件没有页面"),
    (r"^PDF has (?P<n>\d+) pages \(more than (?P<m>\d+)\).*$", "PDF 有 {n} 页（超过 {m} 页），不是单份决算文件"),
    (r"^scanned PDF without a text layer; OCR is not installed.*$",
     "这是扫描件（没有文字层），而本机未安装文字识别（OCR）组件：pip install juesuan[ocr]"),
    (r"^no page could be read.*$", "没有一页能读取"),
    (r"^PDF has no text.*$", "PDF 中没有文字（空白页或只有图形）"),
    (r"^image too large.*$", "图片过大"),
    (r"^corrupt or truncated image.*$", "图片损坏或不完整"),
    (r"^image has (?P<n>\d+) frames.*$", "图片有 {n} 帧，过多"),
    (r"^no text found in the image.*$", "图片中没有识别出文字"),
    (r"^not a final-accounts disclosure.*$", "这不是部门决算公开文件（九张部门决算表一张也没有找到）"),
    (r"^no 部门决算 table found on the pages read; page\(s\) (?P<pages>\S+(?:, \S+)*) could not be read \((?P<why>.*)\)$",
     "已读取的页面中未找到部门决算表；第 {pages} 页未能读取（{why}），无法判断"),
    (r"^a budget \(预算\) document.*$", "这是部门预算，不是部门决算"),
    (r"^not a juesuan model JSON.*$", "不是 juesuan 模型 JSON 文件"),
    (r"^not a JSON file.*$", "不是 JSON 文件"),
    (r"^not a budgets/supplement JSON.*$", "不是预算补充数据（BUDGETS.json）文件"),
    (r"^not a juesuan input workbook.*$", "不是 juesuan 录入表（请用 juesuan template 生成）"),
    (r"^not an Excel workbook.*$", "不是 Excel 工作簿"),
    # repairs (repair/, extract/)
    (r"^OCR: '(?P<raw>.*)' → (?P<v>\S+) \(comma as decimal point; confirmed by (?P<n>\d+) identit(?:y|ies)\)$",
     "识别纠正：印刷为“{raw}”，按逗号为小数点读作 {v}（{n} 个勾稽关系印证）"),
    (r"^OCR: '(?P<raw>.*)' → (?P<v>\S+) \(comma as decimal point.*$", "识别纠正：印刷为“{raw}”，按逗号为小数点读作 {v}"),
    (r"^OCR: '(?P<raw>.*)' → (?P<v>\S+) \(periods as thousands separators; confirmed by (?P<n>\d+) identit(?:y|ies)\)$",
     "识别纠正：印刷为“{raw}”，按句点为千位分隔符读作 {v}（{n} 个勾稽关系印证）"),
    (r"^OCR: '(?P<raw>.*)' → (?P<v>\S+) \(periods as thousands separators.*$", "识别纠正：印刷为“{raw}”，按句点为千位分隔符读作 {v}"),
    (r"^OCR: '(?P<raw>.*)' truncated → (?P<v>\S+) \(the value its (?P<n>\d+) identit(?:y|ies) require.*$",
     "识别纠正：印刷为“{raw}”（数字残缺），按 {n} 个勾稽关系还原为 {v}"),
    (r"^stray value '(?P<raw>.*)' dropped.*$", "删除多余数字“{raw}”：不含它时各合计数完全相符"),
    (r"^printed value unreadable \('(?P<raw>.*)'\); not restored.*$", "印刷数字无法辨认（“{raw}”），勾稽关系不足以确定，未还原"),
    (r"^printed value unreadable \('(?P<raw>.*)'\); restored as (?P<v>\S+?): (?P<n>\d+) identit.*$",
     "印刷数字无法辨认（“{raw}”），按 {n} 个勾稽关系还原为 {v}"),
    (r"^printed value unreadable \('(?P<raw>.*)'\).*$", "印刷数字无法辨认（“{raw}”）"),
    (r"^unreadable$", "印刷数字无法辨认"),
    (r"^total printed empty while its parts sum to (?P<v>\S+), the figure (?P<t>T\d\d) prints.*$",
     "合计数印刷为空，其明细之和为 {v}，与 {t} 同一科目所印数字相同：据此补齐"),
    (r"^OCR name '(?P<raw>.*)' → (?P<name>[^(（]+) \((?P<why>.*)\)$", "识别纠正科目名称：“{raw}”→“{name}”"),
    # reading warnings
    (r"^(?P<t>T\d\d) line (?P<l>\d+): row '(?P<name>.*)' has no code and none could be rebuilt; values skipped$",
     "{t} 第 {l} 行：“{name}”没有科目编码且无法推定，该行数字未读取"),
    (r"^(?P<t>T\d\d) line (?P<l>\d+): code printed as '(?P<raw>\d+)' read as (?P<c>\d+) \((?P<name>.*)\): .*$",
     "{t} 第 {l} 行：科目编码印为“{raw}”（一位数字缺失、重复或误识），按科目名称“{name}”读作 {c}"),
    (r"^(?P<t>T\d\d) (?P<rc>.*) printed twice \(line (?P<l>\d+)\); kept the first$", "{t} {rc} 印了两次（第 {l} 行），取第一次"),
    (r"^T06 line (?P<l>\d+): value (?P<v>\S+) with no code; skipped$", "T06 第 {l} 行：数字 {v} 没有科目编码，未读取"),
    (r"^T06 (?P<k>.*): printed value unreadable \('(?P<raw>.*)'\)$", "T06 {k}：印刷数字无法辨认（“{raw}”）"),
    (r"^page (?P<p>\d+): scanned page without a text layer, not read.*$", "第 {p} 页：扫描页没有文字层，未读取（未安装 OCR）"),
    (r"^page (?P<p>\d+): OCR skipped \((?P<e>.*)\)$", "第 {p} 页：文字识别未完成（超时）"),
    (r"^page (?P<p>\d+): OCR failed.*$", "第 {p} 页：文字识别失败"),
    (r"^page (?P<p>\d+): a picture of text \(a table pasted as an image\?\) not read.*$",
     "第 {p} 页：有一张含文字的图片（可能是以图片粘贴的表格），未安装 OCR，未读取"),
    (r"^page (?P<p>\d+): a picture of text skipped.*$", "第 {p} 页：含文字的图片识别超时，未读取"),
    (r"^page (?P<p>\d+): a picture of text could not be read.*$", "第 {p} 页：含文字的图片识别失败，未读取"),
    (r"^page (?P<p>\d+): read with pdfplumber.*$", "第 {p} 页：PDFium 无法读取，改用 pdfplumber 读取"),
    (r"^frame (?P<p>\d+): unreadable.*$", "第 {p} 帧图片无法读取"),
    (r"^(?P<n>\d+) formula cell\(s\) have no saved value.*$", "{n} 个公式单元格没有保存计算结果（请在 Excel 中打开并保存后再读取）"),
    (r"^sheet '(?P<s>.*)' is hidden; read anyway$", "工作表“{s}”是隐藏的，仍已读取"),
    (r"^page (?P<p>\d+): skipped.*$", "第 {p} 页：读取超时，已跳过"),
    (r"^page (?P<p>\d+): read without table rulings.*$", "第 {p} 页：未能识别表格线，按文字读取"),
    (r"^page (?P<p>\d+): unreadable.*$", "第 {p} 页：无法读取"),
    (r"^OCR used on (?P<n>\d+) page\(s\): (?P<r>.*)$", "{n} 页使用了文字识别（OCR）：第 {r} 页"),
    (r"^stopped after page (?P<p>\d+).*$", "读取时间过长，读到第 {p} 页为止"),
    # Click's usage errors (Typer has no locale hook; see cli/localise.py)
    (r"^Missing argument '(?P<n>.*)'\.?$", "缺少参数 {n}（要处理的文件）。"),
    (r"^Missing option '(?P<n>.*)'\.?$", "缺少选项 {n}。"),
    (r"^No such option: (?P<n>\S+?)\.?(?: Did you mean (?P<s>.*)\?)?$", "没有此选项：{n}。"),
    (r"^No such command '(?P<n>.*)'\.?(?: Did you mean (?P<s>.*)\?)?$", "没有此命令：{n}。"),
    (r"^Option '(?P<n>.*)' requires an argument\.?$", "选项 {n} 需要一个值。"),
    (r"^Got unexpected extra arguments? \((?P<a>.*)\)$", "多余的参数：{a}"),
    (r"^Invalid value for (?P<p>.*?): (?:Value error, )?'(?P<v>.*)' is not one of (?P<c>.*?)\.?$",
     "{p} 的值“{v}”无效，可选：{c}"),
    (r"^Invalid value for (?P<p>.*?): (?P<m>.*)$", "{p} 的值无效：{m}"),
)]


_JOINED = lazy.pattern(r"; (?=OCR|printed value|stray value|total printed|unreadable)")


def translate_reason(text: str) -> str:
    """A reason written in English inside the pipeline, in the interface language."""
    if _state["lang"] == "en" or not text:
        return text
    # a cell repaired twice carries both reasons joined by "; " (repair._record)
    parts = [p.strip() for p in _JOINED.split(text)]
    out = []
    for part in parts:
        for pat, head, zh in _REASONS:
            m = pat.match(part) if part.startswith(head) else None
            if m:
                out.append(zh.format(**{k: (v or "") for k, v in m.groupdict().items()}))
                break
        else:
            out.append(part)
    return "；".join(out)


_CONTROL = lazy.pattern(r"[\x00-\x1f\x7f]")


def read_error(path: object, why: str) -> str:
    """``无法读取 X：原因`` for a ReadError or any loading failure — one line, whatever the
    file's name holds (a newline in a name is shown as \\x0a)."""
    shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(path))
    return t("err.read", path=shown, why=translate_reason(why))


__all__ = ["LANGS", "MESSAGES", "english_for", "lang", "pct", "read_error", "set_lang", "severity", "status", "t",
           "translate_reason"]
