"""docker/ cannot be built on this machine (no Docker engine): these checks keep its files in
step with the code they package. tests/deploy/test_scale_out.py runs docker/nginx.conf."""

from __future__ import annotations

import re
from pathlib import Path

from api.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
SETTINGS = {f"REGIE_{name.upper()}" for name in Settings.model_fields}
# Read by api.core.ratelimit's own settings class when it is present.
OTHER_SETTINGS = {
    "REGIE_RATE_LIMIT_WRITES",
    "REGIE_RATE_LIMIT_ANONYMOUS_READS",
    "REGIE_RATE_LIMIT_WINDOW_SECONDS",
}


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (DOCKER / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_every_variable_compose_reads_is_in_the_env_example() -> None:
    compose = (DOCKER / "compose.yaml").read_text()
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", compose))
    assert used, "compose.yaml reads no variables?"
    assert sorted(used - set(env_example())) == []


def test_every_regie_variable_is_a_setting() -> None:
    compose = (DOCKER / "compose.yaml").read_text()
    in_compose = set(re.findall(r"^\s+(REGIE_[A-Z_]+):", compose, re.M))
    in_example = {k for k in env_example() if k.startswith("REGIE_")}
    dockerfile = (DOCKER / "Dockerfile").read_text()
    in_image = set(re.findall(r"\b(REGIE_[A-Z_]+)=", dockerfile))
    assert {"REGIE_ENV", "REGIE_DATABASE_URL", "REGIE_SECRET_KEY"} <= in_compose
    assert sorted((in_compose | in_example | in_image) - SETTINGS - OTHER_SETTINGS) == []


def test_the_example_holds_no_secret() -> None:
    env = env_example()
    assert env["REGIE_SECRET_KEY"] == ""
    assert env["POSTGRES_PASSWORD"] == "change-me"
    assert env["REGIE_METRICS_TOKEN"] == ""


def test_replicas_wait_for_the_migration_and_stop_after_the_grace_period() -> None:
    compose = (DOCKER / "compose.yaml").read_text()
    assert re.search(r"migrate:\s+condition: service_completed_successfully", compose)
    assert re.search(r"db:\s+condition: service_healthy", compose)
    assert 'command: ["regie", "db", "upgrade"]' in compose
    graceful = int(re.search(r'REGIE_GRACEFUL_TIMEOUT: "(\d+)"', compose)[1])  # type: ignore[index]
    grace = int(re.search(r"stop_grace_period: (\d+)s", compose)[1])  # type: ignore[index]
    assert grace > graceful
    # The replicas' port stays inside the compose network; only the proxy's is published.
    assert compose.count("ports:") == 1


def test_the_image_runs_the_api_as_a_user_with_a_health_check() -> None:
    text = (DOCKER / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)$", text, re.M)
    assert stages == ["client", "proxy", "api"]  # the API image is the default target
    api = text.split(" AS api", 1)[1]
    assert re.search(r"^USER regie$", api, re.M)
    assert "HEALTHCHECK" in api and "/healthz" in api
    assert re.search(r'^CMD \["regie", "serve", ', api, re.M)
    for source in re.findall(r"^COPY (?!--from)(.+) \S+$", text, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), f"Dockerfile copies a missing {path}"


def test_the_build_context_leaves_secrets_and_local_state_out() -> None:
    ignored = (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
    for entry in ("**/.env", "docker/.env", ".venv", "**/.git", "client/node_modules"):
        assert entry in ignored


def test_the_replicas_trust_forwarded_headers_from_the_proxy_only() -> None:
    compose = (DOCKER / "compose.yaml").read_text()
    (trusted,) = re.findall(r'REGIE_FORWARDED_ALLOW_IPS: "([^"]*)"', compose)
    (proxy_address,) = re.findall(r"ipv4_address: (\S+)", compose)
    assert trusted == proxy_address  # not "*": a client could pick its own address
    subnet = re.search(r"subnet: (\d+\.\d+\.\d+)\.0/24", compose)
    assert subnet and proxy_address.startswith(subnet[1] + ".")
    nginx = (DOCKER / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx
    assert "$proxy_add_x_forwarded_for" not in nginx  # appending keeps the client's value
    for cleared in ("X-Forwarded-Host", "X-Forwarded-Port", "Forwarded"):
        assert f'proxy_set_header {cleared} "";' in nginx
