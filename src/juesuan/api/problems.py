"""Errors as problem details (RFC 9457, ``application/problem+json``), and the request size
limit that answers 413 before a large upload is read."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juesuan.store import NotFound, StoreError

PROBLEM = "application/problem+json"
log = logging.getLogger("juesuan.api")
TITLES = {400: "请求有误", 404: "未找到", 405: "不支持的请求方法", 413: "请求过大", 415: "不支持的文件类型",
          422: "参数不合法", 500: "服务器内部错误"}


def problem(status: int, detail: str, *, instance: str | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": TITLES.get(status, "错误"), "status": status,
                            "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "错误")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"没有这个地址：{request.url.path}"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            detail = f"{request.url.path} 不支持 {request.method}"
        return problem(exc.status_code, detail, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"location": [str(x) for x in e.get("loc", ())], "message": e.get("msg", "")}
                  for e in exc.errors()]
        where = "；".join("/".join(e["location"]) for e in errors) or "请求"
        return problem(422, f"参数不合法：{where}", instance=request.url.path, errors=errors)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> JSONResponse:
        return problem(404, str(exc), instance=request.url.path)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return problem(400, str(exc), instance=request.url.path)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # a bug: one line for the client, never a traceback (the server log has it)
        log.exception("unhandled error on %s", request.url.path)
        return problem(500, f"服务器内部错误（{type(exc).__name__}），请将此信息报告给维护者",
                       instance=request.url.path)


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413: at once when Content-Length says
    so, otherwise as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        exceeded = False

        async def counting_receive() -> Message:
            # Past the limit reading fails, so no route ever sees a cut-short body; whatever the
            # framework answers then (FastAPI turns it into a 400) is replaced by the 413.
            nonlocal seen, exceeded
            if exceeded:
                raise _TooLarge()
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise _TooLarge()
            return msg

        refused = False

        async def guarded_send(msg: Message) -> None:
            nonlocal refused
            if not exceeded:
                await send(msg)
            elif not refused:
                refused = True
                await self._refuse(scope, receive, send)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            if not refused:
                refused = True
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        mb = self.limit / 1024 / 1024
        resp = problem(413, f"请求体超过上限 {mb:g} MB（可用 JUESUAN_MAX_UPLOAD_MB 或 --max-upload-mb 调整）",
                       instance=scope.get("path"))
        await resp(scope, receive, send)


class _TooLarge(Exception):
    pass
