"""The store: idempotent, transactional ingest; reading history; department identity; review."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from juesuan.store import open_store
from juesuan.store.schema import CellRow, Document, FindingRow, Reading
from store_engines import demo_departments, write_model

SAMPLE_TXT = "src/juesuan/examples/sample_disclosure.txt"


def _count(store, table) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


def test_ingest_reads_audits_and_saves(store):
    out = store.ingest(SAMPLE_TXT, source_url="https://example.invalid/a.txt")
    assert out.new_document and out.new_reading and out.status == "read"
    assert out.department == "样例市青禾区人力资源和社会保障局" and out.year == 2024
    doc = store.document(out.document_id)
    assert doc.format == "text" and doc.source_url == "https://example.invalid/a.txt"
    assert doc.region == "样例市青禾区"
    cells = store.cells(out.document_id, table="T01")
    total = next(c for c in cells if c.row == "收入总计")
    assert total.value == Decimal("5036.42") and isinstance(total.value, Decimal)
    model = store.model(out.document_id)
    assert model is not None and model.value("T01", "收入总计", "金额") == Decimal("5036.42")
    dept = store.department(doc.department_id)
    assert "样例市青禾区就业服务中心" in dept.units[2024]


def test_same_bytes_twice_is_one_document(store, tmp_path):
    a = store.ingest(SAMPLE_TXT)
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(open(SAMPLE_TXT, "rb").read())
    b = store.ingest(copy)
    assert b.document_id == a.document_id and b.reading_id == a.reading_id
    assert not b.new_document and not b.new_reading and b.label == "已存在"
    assert _count(store, Document) == 1 and _count(store, Reading) == 1


def test_has_result(store):
    out = store.ingest(SAMPLE_TXT)
    from juesuan.store import juesuan_version, ruleset_version

    assert store.has_result(out.content_hash, juesuan_version(), ruleset_version())
    assert not store.has_result(out.content_hash, "0.0.0-old", ruleset_version())
    assert not store.has_result("0" * 64, juesuan_version(), ruleset_version())


def test_failure_midway_leaves_nothing(store, monkeypatch):
    import juesuan.store.store as mod

    def boom(*_a, **_k):
        raise RuntimeError("injected failure after cells were written")

    monkeypatch.setattr(mod, "_save_findings", boom)
    with pytest.raises(RuntimeError, match="injected"):
        store.ingest(SAMPLE_TXT)
    for table in (Document, Reading, CellRow, FindingRow):
        assert _count(store, table) == 0
    monkeypatch.undo()
    assert store.ingest(SAMPLE_TXT).new_document  # and a retry succeeds


def test_reread_with_newer_version_keeps_history(store):
    first = store.ingest(SAMPLE_TXT)
    model = store.model(first.document_id)
    second = store.save("sample_disclosure.txt", first.content_hash, "text", model, None, None, 0.1,
                        juesuan_version_="99.0.0")
    assert second.document_id == first.document_id and second.reading_id != first.reading_id
    assert second.new_reading and not second.new_document and second.label == "重新读取"
    doc = store.document(first.document_id)
    assert [r.juesuan_version for r in doc.readings][-1] == "99.0.0" and len(doc.readings) == 2
    assert doc.juesuan_version == "99.0.0"  # the listing shows the latest reading
    assert len(store.cells(first.document_id, reading_id=first.reading_id)) == len(store.cells(first.document_id))


def test_unreadable_file_is_a_reading_status_not_findings(store, tmp_path):
    bad = tmp_path / "not_a_disclosure.txt"
    bad.write_text("这是一份会议通知，与决算无关。\n", encoding="utf-8")
    out = store.ingest(bad)
    assert out.status == "unreadable" and out.error and out.label == "无法读取"
    assert store.findings(document_id=out.document_id) == []
    assert store.model(out.document_id) is None
    assert store.documents(status="unreadable")[0].error == out.error


def test_department_identity_across_spellings(store, tmp_path):
    dept = demo_departments()[0]
    y23, y24 = dept.years[-2].disclosure.model_copy(deep=True), dept.years[-1].disclosure
    y23.meta.department = y23.meta.department.removeprefix("样例市")  # 青禾区人力资源和社会保障局
    a = store.ingest(write_model(y23, tmp_path / "a.json"))
    b = store.ingest(write_model(y24, tmp_path / "b.json"))
    da, db = store.document(a.document_id), store.document(b.document_id)
    assert da.department_id == db.department_id
    d = store.department(da.department_id)
    assert d.name == "样例市青禾区人力资源和社会保障局" and d.region == "样例市青禾区" and d.years == [2023, 2024]
    assert set(d.aliases) == {"青禾区人力资源和社会保障局", "样例市青禾区人力资源和社会保障局"}


def test_cross_year_findings_whichever_year_comes_first(store, tmp_path):
    dept = demo_departments()[0]
    y23, y24 = dept.years[-2].disclosure, dept.years[-1].disclosure
    later = store.ingest(write_model(y24, tmp_path / "y24.json"))
    assert not [f for f in store.findings(document_id=later.document_id) if f.family == "Y"]
    store.ingest(write_model(y23, tmp_path / "y23.json"))
    ys = [f for f in store.findings(document_id=later.document_id) if f.family == "Y"]
    from juesuan.compare.crossyear import cross_year

    assert sorted(f.rule for f in ys) == sorted(f.rule for f in cross_year(y24, y23))
    assert store.document(later.document_id).summary["warning"] >= len(ys)


def test_review_survives_rereading(store, tmp_path):
    doc = demo_departments()[0].years[-1].disclosure.model_copy(deep=True)
    cell = doc.tables["T01"].get("收入总计", "金额")
    cell.value += Decimal("100")  # an error the A rules find
    first = store.ingest(write_model(doc, tmp_path / "broken.json"))
    found = store.findings(document_id=first.document_id, severity="error")
    assert found
    target = found[0]
    store.review(target.id, "dismissed", "张三", "印刷错误，已与原件核对")
    second = store.save("broken.json", first.content_hash, "json", doc,
                        _report(doc), None, 0.1, juesuan_version_="99.0.0")
    again = [f for f in store.findings(document_id=first.document_id) if f.match_key == target.match_key]
    assert again and again[0].reading_id == second.reading_id and again[0].id != target.id
    assert again[0].review is not None and again[0].review.state == "dismissed"
    assert again[0].review.reviewer == "张三"
    store.review(again[0].id, "confirmed", "李四", "复核后确认")
    assert [r.state for r in store.review_history(target.id)] == ["dismissed", "confirmed"]
    stats = {s.rule: s for s in store.stats()}
    assert stats[target.rule].confirmed == 1 and stats[target.rule].dismissed == 0
    assert store.findings(document_id=first.document_id, state="confirmed")[0].match_key == target.match_key


def test_review_refuses_bad_state_and_unknown_finding(store):
    from juesuan.store import NotFound, StoreError

    with pytest.raises(StoreError):
        store.review(1, "maybe", "张三", "")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        store.review(12345, "confirmed", "张三", "")
    out = store.ingest(SAMPLE_TXT)
    doc = store.model(out.document_id)
    doc.tables["T01"].get("收入总计", "金额").value += 1
    saved = store.save("x.json", "f" * 64, "json", doc, _report(doc), None, 0.1)
    fid = store.findings(document_id=saved.document_id)[0].id
    with pytest.raises(StoreError, match="理由"):
        store.review(fid, "dismissed", "张三", "  ")
    with pytest.raises(StoreError, match="审核人"):
        store.review(fid, "confirmed", " ", "")
    assert store.review(fid, "confirmed", "张三", "").state == "confirmed"  # a confirmation needs no reason


def test_reopen_keeps_data_and_schema(db_url):
    s = open_store(db_url)
    out = s.ingest(SAMPLE_TXT)
    s.close()
    s2 = open_store(db_url)
    assert s2.document(out.document_id).content_hash == out.content_hash
    s2.close()


def _report(doc):
    from juesuan.report import audit

    return audit(doc)


def test_migrations_create_exactly_the_declared_schema(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    from juesuan.store import resolve_url
    from juesuan.store.migrate import head
    from juesuan.store.schema import Base

    open_store(db_url).close()
    engine = create_engine(resolve_url(db_url))
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        assert ctx.get_current_revision() == head()
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()


def test_upgrade_from_the_first_revision_keeps_data(db_url):
    """A database made by revision 0001 is upgraded on open, and its listings work."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from juesuan.store import resolve_url
    from juesuan.store.migrate import _config

    engine = create_engine(resolve_url(db_url))
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, content_hash, file_name, format, created_at) "
                          "VALUES (1, 'h', 'a.txt', 'text', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO readings (id, document_id, juesuan_version, ruleset_version, status, errors, "
                          "warnings, infos, created_at) VALUES (7, 1, '0.0.1', 'r', 'unreadable', 0, 0, 0, "
                          "CURRENT_TIMESTAMP)"))
    engine.dispose()
    s = open_store(db_url)
    [doc] = s.documents()
    assert doc.id == 1 and doc.status == "unreadable" and doc.juesuan_version == "0.0.1"
    s.close()


def test_consolidated_units_and_parent_department(store, tmp_path):
    """A unit listed under 决算单位构成 that files its own disclosure is a child department,
    whichever of the two is stored first."""
    def unit_doc(name: str, file: str):
        unit = demo_departments()[1].years[-1].disclosure.model_copy(deep=True)
        unit.meta.department = name
        out = store.ingest(write_model(unit, tmp_path / file))
        return store.department(store.document(out.document_id).department_id)

    early = unit_doc("样例市青禾区劳动人事争议仲裁院", "early.json")  # stored before its parent
    assert early.parent_id is None
    parent = store.ingest(SAMPLE_TXT)
    pdep = store.document(parent.document_id).department_id
    late = unit_doc("青禾区就业服务中心", "late.json")  # after it, spelled without 样例市
    assert late.parent_id == pdep and store.department(early.id).parent_id == pdep
    assert store.department(pdep).parent_id is None  # 本级 is the department itself


def test_units_parser_on_layouts():
    from juesuan.store.reading import consolidated_units

    toc_then_body = ["二、部门决算单位构成", "第二部分 样例局2024年度部门决算表", "一、收入支出决算总表",
                     "（一）机构设置", "二、部门决算单位构成", "纳入编制范围的单位包括：",
                     "序号\t单位名称\t备注", "1\t样例市甲局(本级)\t", "2\t样例市甲局财政所\t预算不单列",
                     "第二部分 样例市甲局2024年度部门决算表"]
    assert consolidated_units(toc_then_body) == ["样例市甲局（本级）", "样例市甲局财政所"]
    bullets = ["二、机构设置", "纳入本部门2023年度部门决算编制范围的单位共2个，其中二级预算单位包括：",
               "- 1、样例县乙局本级", "- 2、样例县乙中心", "第二部分 决算表"]
    assert consolidated_units(bullets) == ["样例县乙局本级", "样例县乙中心"]
    duties_only = ["二、部门决算单位构成", "从决算单位构成看，本部门决算由本级决算组成。", "第二部分 决算表",
                   "1. 拟订和组织实施本区财政政策"]
    assert consolidated_units(duties_only) == []


def test_stored_report_keeps_what_was_and_was_not_checked(store, tmp_path):
    """The stored report shows the same coverage as a fresh audit, including the rules a
    table the reader could not read left unchecked, with their reason."""
    import juesuan
    from juesuan.store.reports import report_html, stored_report

    lines = open(SAMPLE_TXT, encoding="utf-8").read().split("\n")
    # keep 收入决算表's title but garble its body: the table is found and cannot be read
    start, end = lines.index("收入决算表"), lines.index("支出决算表")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:start + 1] + ["（单位：万元）", "项目 本年收入合计 财政拨款收入", "乱码 乱码 乱码"] + lines[end:]), encoding="utf-8")
    fresh = juesuan.audit(juesuan.read(cut))
    out = store.ingest(cut)
    stored = stored_report(store, out.document_id)
    assert stored.coverage == fresh.coverage and stored.coverage
    unchecked = [c for c in stored.coverage if c.status == "not_checked" and c.table == "T02"]
    assert unchecked and all("未能读取" in (c.reason or "") for c in unchecked)
    assert "覆盖" in report_html(stored)


def test_results_saved_in_one_group_equal_results_saved_one_by_one(tmp_path):
    """A batch's grouped save (Store.save_all of worker-prepared rows) stores what one save
    per document stores: the same cells, claims and model."""
    import juesuan
    from juesuan.store.store import prepare
    from tests_support import EXAMPLES

    d = juesuan.read(EXAMPLES / "sample_disclosure.txt")
    r = juesuan.audit(d)
    one, many = open_store(str(tmp_path / "one.db")), open_store(str(tmp_path / "many.db"))
    for k in range(3):
        one.save(f"f{k}.txt", f"{k:064d}", "text", d, r, None, 0.1)
    outs = many.save_all([many.pending(f"f{k}.txt", f"{k:064d}", "text", prepare(d), r, None, 0.1)
                          for k in range(3)])
    assert [o.new_reading for o in outs] == [True, True, True]
    for s in (one, many):
        assert s.count_documents() == 3
    a, b = one.documents(limit=10), many.documents(limit=10)
    assert [x.content_hash for x in a] == [x.content_hash for x in b]
    for x, y in zip(a, b):
        assert [(c.table, c.row, c.column, c.value, c.raw) for c in one.cells(x.id)] == \
               [(c.table, c.row, c.column, c.value, c.raw) for c in many.cells(y.id)]
        assert one.model(x.id) == many.model(y.id)
        assert [f.rule for f in one.findings(document_id=x.id)] == [f.rule for f in many.findings(document_id=y.id)]
