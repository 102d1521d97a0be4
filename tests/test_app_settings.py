"""The app takes its settings from the object it is built with, not from the environment."""

from __future__ import annotations

from backend.app import create_app


def test_the_after_commit_enqueue_uses_the_apps_redis_timeout(settings, clock):
    app = create_app(settings.model_copy(update={"redis_timeout_seconds": 0.123}), clock=clock)

    assert app.state.aap.jobs._timeout_s == 0.123
