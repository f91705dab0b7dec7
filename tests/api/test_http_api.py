"""The HTTP API with the FastAPI TestClient, against SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from store_engines import demo_departments

SAMPLE = "src/juesuan/examples/sample_disclosure.txt"
PROBLEM = "application/problem+json"


def _upload(client, name: str, data: bytes, **form):
    return client.post("/api/documents", files=[("file", (name, data, "application/octet-stream"))], data=form)


def _broken_model() -> bytes:
    doc = demo_departments()[1].years[-1].disclosure.model_copy(deep=True)
    doc.tables["T01"].get("收入总计", "金额").value += Decimal("100")
    return doc.model_dump_json().encode()


def test_upload_list_and_read_back(client):
    r = _upload(client, "样本.txt", open(SAMPLE, "rb").read(), source_url="https://example.invalid/x")
    assert r.status_code == 200
    [res] = r.json()
    assert res["status"] == "新增" and res["reading_status"] == "read" and res["year"] == 2024
    did = res["document_id"]
    again = _upload(client, "改名.txt", open(SAMPLE, "rb").read()).json()[0]
    assert again["status"] == "已存在" and again["document_id"] == did
    page = client.get("/api/documents", params={"year": 2024}).json()
    assert page["total"] == 1 and page["items"][0]["source_url"] == "https://example.invalid/x"
    assert client.get("/api/documents", params={"year": 2023}).json()["total"] == 0
    assert client.get("/api/documents", params={"region": "样例市"}).json()["total"] == 1
    doc = client.get(f"/api/documents/{did}").json()
    assert doc["department"] == "样例市青禾区人力资源和社会保障局" and len(doc["readings"]) == 1
    cells = client.get(f"/api/documents/{did}/cells", params={"table": "T09"}).json()
    assert cells and all(c["table"] == "T09" for c in cells) and isinstance(cells[0]["value"], str)
    model = client.get(f"/api/documents/{did}/model").json()
    assert model["meta"]["year"] == 2024
    html = client.get(f"/api/documents/{did}/report.html")
    assert html.status_code == 200 and "<html" in html.text.lower()


def test_many_files_in_one_upload(client):
    files = [("file", ("a.txt", open(SAMPLE, "rb").read(), "text/plain")),
             ("file", ("b.json", _broken_model(), "application/json")),
             ("file", ("c.txt", "这不是决算公开文件。".encode(), "text/plain"))]
    res = client.post("/api/documents", files=files).json()
    assert [r["status"] for r in res] == ["新增", "新增", "无法读取"]
    assert res[2]["error"] and res[1]["summary"]["error"] >= 1


def test_review_flow_and_exports(client):
    did = _upload(client, "broken.json", _broken_model()).json()[0]["document_id"]
    found = client.get(f"/api/documents/{did}/findings", params={"severity": "error"}).json()
    assert found
    fid = found[0]["id"]
    r = client.post(f"/api/findings/{fid}/review", json={"state": "confirmed", "reviewer": "王五", "reason": "核实"})
    assert r.status_code == 200 and r.json()["state"] == "confirmed"
    bad = client.post(f"/api/findings/{fid}/review", json={"state": "maybe", "reviewer": "王五"})
    assert bad.status_code == 400 and bad.headers["content-type"] == PROBLEM
    assert client.get(f"/api/documents/{did}/findings", params={"state": "confirmed"}).json()[0]["id"] == fid
    assert client.get(f"/api/findings/{fid}/reviews").json()[0]["reviewer"] == "王五"
    stats = {s["rule"]: s for s in client.get("/api/stats").json()}
    assert stats[found[0]["rule"]]["confirmed"] == 1
    text = client.get("/api/findings.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["review_state"] == "confirmed" and r["reviewer"] == "王五" for r in rows)
    xlsx = client.get("/api/findings.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    per_doc = client.get(f"/api/documents/{did}/findings.csv")
    assert per_doc.status_code == 200 and "attachment" in per_doc.headers["content-disposition"]


def test_comparisons(client):
    dept = demo_departments()[0]
    for y in dept.years:
        _upload(client, f"{y.year}.json", y.disclosure.model_dump_json().encode())
    for d in demo_departments()[1:]:
        _upload(client, "x.json", d.years[-1].disclosure.model_dump_json().encode())
    deps = client.get("/api/departments").json()
    assert len(deps) == len(demo_departments())
    did = next(d["id"] for d in deps if d["name"] == dept.name)
    years = client.get(f"/api/departments/{did}/years", params={"table": "T01"}).json()
    assert years["years"] == [y.year for y in dept.years] and all(r["table"] == "T01" for r in years["rows"])
    region = client.get("/api/compare/region", params={"year": 2024, "region": "样例市"}).json()
    assert region["documents"] == len(demo_departments()) and "z" in region["method"]
    sg = next(lg for lg in region["leagues"] if lg["metric"] == "sangong")
    assert sg["count"] == len(demo_departments())
    one = client.get("/api/compare/region", params={"year": 2024, "metric": "sangong"}).json()
    assert [lg["metric"] for lg in one["leagues"]] == ["sangong"]
    assert client.get("/api/compare/region", params={"year": 2024, "metric": "nope"}).status_code == 404
    ys = [f for f in client.get("/api/findings", params={"family": "Y"}).json()]
    assert all(f["rule"].startswith("Y-") for f in ys)


def test_errors_are_problem_json(client):
    for url, status in (("/api/documents/999", 404), ("/api/documents/abc", 422), ("/api/nope", 404),
                        ("/api/departments/999", 404), ("/api/findings/999/reviews", 404)):
        r = client.get(url)
        assert r.status_code == status and r.headers["content-type"] == PROBLEM
        body = r.json()
        assert body["status"] == status and body["title"] and body["detail"]
    assert client.post("/api/documents").status_code == 400


def test_request_size_limit_is_413(client):
    r = _upload(client, "big.txt", b"x" * (1024 * 1024 + 10))
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM and "MB" in r.json()["detail"]
    assert client.get("/api/documents").json()["total"] == 0  # nothing half-stored


def test_streamed_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(40):
            yield b"y" * 65536  # 2.5 MB without a Content-Length

    r = client.post("/api/documents", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413


def test_openapi_documents_every_route(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/documents", "/api/documents/{document_id}/findings", "/api/findings/{finding_id}/review",
              "/api/compare/region", "/api/departments/{department_id}/years", "/api/findings.{fmt}"):
        assert p in paths
    assert all(op.get("summary") for ops in paths.values() for op in ops.values())


def test_a_bug_is_a_500_problem_without_traceback(store, monkeypatch):
    from fastapi.testclient import TestClient

    from juesuan.api import create_app

    def broken():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(store, "stats", broken)
    with TestClient(create_app(store, web=False), raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
    assert r.status_code == 500 and r.headers["content-type"] == PROBLEM
    assert "RuntimeError" in r.json()["detail"] and "secret" not in r.text and "Traceback" not in r.text


def test_uploads_are_read_in_a_bounded_worker(store):
    from fastapi.testclient import TestClient

    from juesuan.api import create_app

    files = [("file", ("a.txt", open(SAMPLE, "rb").read(), "text/plain")),
             ("file", ("b.txt", "不是决算".encode(), "text/plain"))]
    with TestClient(create_app(store, web=False, isolate=True)) as c:
        res = c.post("/api/documents", files=files).json()
    assert [r["reading_status"] for r in res] == ["read", "unreadable"] and res[0]["year"] == 2024
