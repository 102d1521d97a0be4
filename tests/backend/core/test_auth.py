"""Passwords: argon2 verification off the event loop, the same answers as on it."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from backend.core import auth


class ThreadNotingHasher:
    """The real hasher, noting the thread each verification ran on."""

    def __init__(self, hasher: Any, threads: list[int]) -> None:
        self._hasher, self._threads = hasher, threads

    def verify(self, hash_: str, password: str) -> bool:
        self._threads.append(threading.get_ident())
        return bool(self._hasher.verify(hash_, password))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hasher, name)


@pytest.fixture(scope="module")
def stored() -> str:
    return auth.hash_password("correct horse battery staple")


async def test_verify_password_off_loop_leaves_the_event_loop_free(stored, monkeypatch):
    threads: list[int] = []
    monkeypatch.setattr(auth, "_hasher", ThreadNotingHasher(auth._hasher, threads))

    ok = await auth.verify_password_off_loop(stored, "correct horse battery staple")

    assert ok is True
    assert threads and threads[0] != threading.get_ident()


@pytest.mark.parametrize(
    ("password_hash", "password"),
    [
        pytest.param("stored", "wrong password", id="wrong-password"),
        pytest.param(None, "correct horse battery staple", id="no-hash"),
        pytest.param("not-an-argon2-hash", "correct horse battery staple", id="garbage-hash"),
    ],
)
async def test_verify_password_off_loop_refuses(stored, password_hash, password):
    hash_ = stored if password_hash == "stored" else password_hash

    assert await auth.verify_password_off_loop(hash_, password) is False


async def test_verify_password_off_loop_no_hash_still_verifies_once(monkeypatch):
    """An unknown user costs one verification too (against the stand-in hash)."""
    threads: list[int] = []
    monkeypatch.setattr(auth, "_hasher", ThreadNotingHasher(auth._hasher, threads))

    await auth.verify_password_off_loop(None, "anything at all")

    assert len(threads) == 1
