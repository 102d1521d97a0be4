"""Production refuses settings that would leak accounts or lose data; dev runs with none."""

from __future__ import annotations

import pytest

from backend.core.settings import DEFAULT_SECRET_KEY, Environment, InsecureConfiguration, Settings

STRONG = "s" * 40
PG = "postgresql+asyncpg://aap@db/aap"
REDIS = "redis://redis:6379/0"


def prod(**overrides) -> Settings:
    values = {
        "environment": "prod",
        "secret_key": STRONG,
        "database_url": PG,
        "redis_url": REDIS,
    } | overrides
    return Settings(**values)


def test_settings_dev_defaults_need_nothing(monkeypatch):
    monkeypatch.delenv("AAP_DATABASE_URL", raising=False)
    monkeypatch.delenv("AAP_REDIS_URL", raising=False)
    settings = Settings(environment="dev")
    settings.check_production()
    assert settings.uses_sqlite
    assert settings.redis_url is None


def test_settings_prod_with_real_services_starts():
    prod().check_production()


@pytest.mark.parametrize("secret", [DEFAULT_SECRET_KEY, "short-secret"])
def test_settings_prod_refuses_default_or_short_secret(secret):
    with pytest.raises(InsecureConfiguration, match="AAP_SECRET_KEY"):
        prod(secret_key=secret).check_production()


def test_settings_prod_refuses_sqlite_unless_told():
    with pytest.raises(InsecureConfiguration, match="SQLite"):
        prod(database_url="sqlite+aiosqlite:///x.db").check_production()
    prod(database_url="sqlite+aiosqlite:///x.db", allow_sqlite_in_prod=True).check_production()


def test_settings_prod_refuses_embedded_redis():
    with pytest.raises(InsecureConfiguration, match="AAP_REDIS_URL"):
        prod(redis_url=None).check_production()


def test_settings_read_from_aap_prefixed_environment(monkeypatch):
    monkeypatch.setenv("AAP_PORT", "9001")
    monkeypatch.setenv("AAP_DEFAULT_TIMEZONE", "Europe/Berlin")
    monkeypatch.setenv("PORT", "1")
    settings = Settings()
    assert settings.port == 9001
    assert settings.default_timezone == "Europe/Berlin"


def test_settings_refuse_unknown_time_zone():
    with pytest.raises(ValueError, match="IANA"):
        Settings(default_timezone="Europe/Atlantis")


def test_create_app_refuses_insecure_production(settings):
    from backend.app import create_app

    insecure = settings.model_copy(
        update={"environment": Environment.PROD, "secret_key": DEFAULT_SECRET_KEY}
    )
    with pytest.raises(InsecureConfiguration):
        create_app(insecure)


@pytest.mark.parametrize("blank", ["", "   "])
def test_settings_prod_refuses_blank_redis_url(blank):
    """``AAP_REDIS_URL=""`` used to pass the check and start an embedded Redis in prod."""
    with pytest.raises(InsecureConfiguration, match="AAP_REDIS_URL"):
        prod(redis_url=blank).check_production()


def test_settings_blank_environment_values_mean_not_set(monkeypatch):
    monkeypatch.setenv("AAP_REDIS_URL", "")
    monkeypatch.setenv("AAP_SMTP_HOST", " ")
    monkeypatch.setenv("AAP_STORAGE_S3_BUCKET", "")
    settings = Settings()
    assert settings.redis_url is None
    assert settings.smtp_host is None
    assert settings.storage_s3_bucket is None


def test_settings_prod_refuses_blank_redis_url_from_environment(monkeypatch):
    monkeypatch.setenv("AAP_REDIS_URL", "")
    with pytest.raises(InsecureConfiguration, match="AAP_REDIS_URL"):
        Settings(environment="prod", secret_key=STRONG, database_url=PG).check_production()
