"""The ASGI application (what uvicorn serves) answers HTTP through Django."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.testing import ApplicationCommunicator


def test_asgi_application_serves_http():
    # A thread of its own: the browser tests may keep an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        start, body = pool.submit(asyncio.run, _get_hello()).result(timeout=30)
    assert start["type"] == "http.response.start"
    assert start["status"] == 200
    assert body["body"] == b"hello, stranger"


async def _get_hello():
    from cercles.asgi import application

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/hello/",
        "raw_path": b"/hello/",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=10)
    body = await communicator.receive_output(timeout=10)
    return start, body
