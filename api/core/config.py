"""Settings, read once from the environment (`REGIE_*`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEV_SECRET = "development-only-secret-key-change-me-0123456789"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REGIE_", env_file=".env", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'regie.db'}"
    secret_key: str = DEV_SECRET
    # The key before the last rotation: tokens it signed still verify until they expire, so a
    # rotation does not log everyone out (new tokens are signed with `secret_key` only).
    secret_key_previous: str = ""
    cors_origins: list[str] = Field(default_factory=list)
    issuer: str = "regie-sociale-economie-zwvl"
    audience: str = "regie-api"
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    max_body_bytes: int = 1024 * 1024
    # The request line and headers together (`regie serve`, api.core.httpserver): 431 above.
    max_header_bytes: int = 64 * 1024
    sqlite_busy_timeout_ms: int = 5000
    db_pool_size: int = 10
    # PostgreSQL cancels a statement that runs longer (0: never), so a runaway query or a lock
    # wait cannot hold a worker thread and a connection for good; the request answers 503.
    db_statement_timeout_ms: int = 30000
    # Failed logins per (account, address) and per address, then 429 for the window; per
    # account (from every address together) `login_account_max_failures`, then only addresses
    # the account logged in from in the last `login_known_days` days get through
    # (docs/security.md, "Against an attacker").
    login_max_failures: int = 5
    login_window_seconds: int = 300
    login_account_max_failures: int = 20
    login_known_days: int = 90
    change_retention_days: int = 365
    # Bytes of list pages each process keeps to answer a repeated read (api.core.pagecache),
    # in MiB; 0 keeps none (ETags and 304 still work).
    list_cache_mb: int = 8
    # How long a POST's Idempotency-Key is remembered (a retry after that creates anew).
    idempotency_retention_hours: int = 24
    webhook_allow_private: bool = False
    webhook_worker: bool = True  # deliver webhooks from a thread of the API process
    spa_dir: Path = PROJECT_ROOT / "client" / "dist"
    # E-mail (docs/configuration.md, "E-mail"): an SMTP server (smtp:// upgrades with STARTTLS
    # when the server offers it, smtps:// speaks TLS from the start; user and password apart,
    # so the URL can be logged); none set: every message is written as an .eml file under
    # `mail_dir` instead, so mail works with nothing installed.
    smtp_url: str = ""
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_timeout: float = 10.0
    # A CA certificate (PEM file) to trust for the SMTP server besides the system's (a relay
    # with a certificate of an internal CA); the certificate and host name are always checked.
    smtp_ca_file: str = ""
    mail_from: str = "Regie sociale economie <regie@localhost>"
    mail_dir: Path = PROJECT_ROOT / "var" / "mail"
    mail_worker: bool = True  # send e-mail from a thread of the API process
    # The SPA's address as people reach it, for the links in e-mails.
    public_url: str = "http://127.0.0.1:8000"
    # Operations (docs/deploy.md): log shape (json in production, text elsewhere, unless set),
    # the bearer token that opens /metrics to other hosts than loopback, how long `regie serve`
    # lets requests in flight finish on SIGTERM, and which proxies' X-Forwarded-For to trust.
    log_format: Literal["json", "text"] | None = None
    log_level: str = "INFO"
    metrics_token: str = ""
    graceful_timeout: int = 30
    forwarded_allow_ips: str = "127.0.0.1"

    @model_validator(mode="after")
    def _check_secret(self) -> Settings:
        if len(self.secret_key.encode()) < 32:
            raise ValueError("REGIE_SECRET_KEY must be at least 32 bytes")
        if self.env == "production" and self.secret_key == DEV_SECRET:
            raise ValueError("REGIE_SECRET_KEY must be set in production")
        previous = self.secret_key_previous
        if previous and (len(previous.encode()) < 32 or previous == DEV_SECRET):
            raise ValueError("REGIE_SECRET_KEY_PREVIOUS must be a real key of at least 32 bytes")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
