"""The built web application (``frontend/dist``), served at ``/`` by the API process.

Mounted after every API route, so ``/graphql``, ``/files/...`` and the health checks answer
first. A path naming a file of the build serves it; any other path without an extension is
one of the application's own routes (``/calls/...``) and gets ``index.html``, whose script
then shows the page (or its "not found"); a missing file with an extension is a 404, so a
stale asset link fails visibly instead of returning HTML. Without a build (API-only runs,
the Python tests) nothing is mounted and no Node is needed.

Caching: the build's ``assets/`` carry a content hash in their names and never change, so
they are cached for a year; ``index.html`` is revalidated on each visit, so a new release
is picked up at once.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from fastapi import FastAPI, HTTPException
from starlette.responses import FileResponse

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def mount_web_application(app: FastAPI, dist: Path) -> bool:
    """Serve ``dist`` at ``/`` when it holds a build (``index.html``); True when mounted."""
    root = dist.resolve()
    index = root / "index.html"
    if not index.is_file():
        return False

    @app.get("/{path:path}", include_in_schema=False)
    async def web_application(path: str) -> FileResponse:
        return _response_for(root, index, path)

    return True


def _response_for(root: Path, index: Path, path: str) -> FileResponse:
    found = _file_in(root, path)
    if found is not None:
        immutable = found.parent == root / "assets"
        return FileResponse(
            found, headers={"Cache-Control": IMMUTABLE if immutable else REVALIDATE}
        )
    if PurePosixPath(path).suffix:
        raise HTTPException(404, "Not Found")
    return FileResponse(index, headers={"Cache-Control": REVALIDATE})


def _file_in(root: Path, path: str) -> Path | None:
    """The build's file at ``path``, or None: never a file outside the build (``..``,
    symbolic links out of it) nor a folder."""
    if not path or "\x00" in path:
        return None
    candidate = (root / path).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate
