"""Static checks of the deployment files: docker-compose.yml, Dockerfile and .dockerignore.

There is no Docker engine here, so these tests read the files instead of running them. The
Compose file is validated against the official Compose Specification JSON schema, vendored as
tests/data/compose-spec.json (Apache-2.0, tests/data/compose-spec.LICENSE). That copy comes from
the PyPI package check-jsonschema 0.39.0 (check_jsonschema/builtin_schemas/vendor/compose-spec.json,
sha256 d549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64); to refresh it, download
a newer wheel with `pip download --no-deps check-jsonschema` and copy that file out of it.
The hand-written checks below cover what the schema can't: this project's own conventions.
"""

import json
import re
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml

pytestmark = pytest.mark.db_agnostic

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "compose-spec.json"

SERVICES = {"db", "redis", "web", "worker", "beat"}
APP_SERVICES = ("web", "worker", "beat")
APP_ENV_KEYS = {"PRODUCTION", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
DEPENDS_ON_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose():
    with COMPOSE_FILE.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict), "docker-compose.yml must be a mapping"
    return data


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def env_dict(service):
    """A service's environment as a dict, whichever of the two Compose forms it uses."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def depends_on(service):
    """depends_on as {name: condition}; the short (list) form means service_started."""
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def command_text(value):
    return value if isinstance(value, str) else " ".join(map(str, value or []))


def test_compose_matches_official_schema(compose, schema):
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors
    )


def test_schema_rejects_a_broken_file(compose, schema):
    """Guards the guard: the vendored schema really is strict about unknown keys and values."""
    broken = json.loads(json.dumps(compose))
    broken["servics"] = {}
    broken["services"]["web"]["depends_on"] = {"db": {"condition": "service_ready"}}
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_top_level_keys_are_compose_keys(compose, schema):
    allowed = set(schema["properties"])  # version, name, services, networks, volumes, ...
    assert {"services", "volumes", "networks", "secrets", "configs"} <= allowed
    unknown = {k for k in compose if k not in allowed and not k.startswith("x-")}
    assert not unknown, f"not Compose Specification top-level keys: {sorted(unknown)}"
    assert "version" not in compose, "'version' is obsolete in the Compose Specification"


def test_expected_services_exist(services):
    assert set(services) >= SERVICES, f"missing services: {sorted(SERVICES - set(services))}"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_has_image_or_build(services, name):
    service = services[name]
    assert service.get("image") or service.get("build"), f"{name}: needs image or build"


def test_app_services_share_environment(services):
    keys = {name: set(env_dict(services[name])) for name in APP_SERVICES}
    for name, names in keys.items():
        assert names >= APP_ENV_KEYS, f"{name}: missing env {sorted(APP_ENV_KEYS - names)}"
    assert keys["web"] == keys["worker"] == keys["beat"], f"environment keys differ: {keys}"
    envs = [env_dict(services[name]) for name in APP_SERVICES]
    assert envs[0] == envs[1] == envs[2], "web, worker and beat must get identical environments"


def test_app_services_run_in_production_mode(services):
    env = env_dict(services["web"])
    assert str(env["PRODUCTION"]).lower() == "true"
    for key in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"):
        assert re.fullmatch(r"\$\{" + key + r":\?[^}]*\}", str(env[key])), (
            f"{key} must be a required variable: ${{{key}:?message}}"
        )
    assert str(env["DATABASE_URL"]).startswith("postgres://")
    assert "@db:" in str(env["DATABASE_URL"]), "DATABASE_URL must point at the db service"
    assert str(env["REDIS_URL"]).startswith("redis://redis:"), "REDIS_URL must use redis"


def test_no_secret_literals(services):
    """Secrets come from the environment (or .env), never from this file."""
    env = env_dict(services["web"])
    assert str(env["SECRET_KEY"]).startswith("${")
    db_env = env_dict(services["db"])
    assert str(db_env.get("POSTGRES_PASSWORD", "")).startswith("${")


def test_depends_on_conditions(services):
    for name, service in services.items():
        for target, condition in depends_on(service).items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert condition in DEPENDS_ON_CONDITIONS, f"{name} -> {target}: bad {condition!r}"
            if condition == "service_healthy":
                assert "healthcheck" in services[target], (
                    f"{name} waits for {target} to be healthy, but {target} has no healthcheck"
                )


def test_app_services_wait_for_db_and_redis(services):
    for name in ("web", "worker"):
        deps = depends_on(services[name])
        assert deps.get("db") == "service_healthy", f"{name} must wait for a healthy db"
        assert deps.get("redis") == "service_healthy", f"{name} must wait for a healthy redis"


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            if isinstance(volume, str):
                source = volume.split(":", 1)[0] if ":" in volume else None
                kind = "volume" if source and not source.startswith((".", "/", "~", "$")) else None
            else:
                source, kind = volume.get("source"), volume.get("type")
            if kind == "volume" and source:
                used.add(source)
                assert source in declared, f"{name} uses undeclared volume {source!r}"
    assert declared <= used, f"declared but unused volumes: {sorted(declared - used)}"


def test_media_volume_shared_by_web_and_worker(services):
    def media_mounts(name):
        return [v for v in services[name].get("volumes") or [] if str(v).startswith("media:")]

    assert media_mounts("web") and media_mounts("web") == media_mounts("worker")
    target = media_mounts("web")[0].split(":")[1]
    assert env_dict(services["web"])["MEDIA_ROOT"] == target, "MEDIA_ROOT must be the media mount"


def test_healthchecks_have_test(services):
    for name, service in services.items():
        if "healthcheck" in service and not service["healthcheck"].get("disable"):
            assert service["healthcheck"].get("test"), f"{name}: healthcheck without test"
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], f"{name} needs a healthcheck"


def test_web_runs_migrations_then_gunicorn_and_checks_healthz(services):
    web = services["web"]
    command = command_text(web.get("command"))
    assert "migrate" in command and "gunicorn" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert "partnership.wsgi:application" in command
    assert "/healthz" in command_text(web["healthcheck"]["test"])


def test_celery_services(services):
    worker = command_text(services["worker"]["command"])
    beat = command_text(services["beat"]["command"])
    assert re.search(r"\bcelery -A partnership worker\b", worker), worker
    assert re.search(r"\bcelery -A partnership beat\b", beat), beat


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    logical, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        logical.append(current)
        current = ""
    pairs = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        pairs.append((instruction.upper(), args.strip()))
    return pairs


def exec_form(args):
    """The words of a CMD/ENTRYPOINT in either the JSON (exec) or the shell form."""
    if args.startswith("["):
        return json.loads(args)
    return shlex.split(args)


def test_dockerfile_exists_and_serves_with_gunicorn():
    assert DOCKERFILE.is_file(), "Dockerfile is missing"
    pairs = dockerfile_instructions()
    start = [exec_form(a) for i, a in pairs if i in ("CMD", "ENTRYPOINT")]
    assert start, "Dockerfile has no CMD or ENTRYPOINT"
    words = " ".join(w for form in start for w in form)
    assert "gunicorn" in words and "partnership.wsgi:application" in words, words


def test_dockerfile_runtime_stage():
    pairs = dockerfile_instructions()
    froms = [a for i, a in pairs if i == "FROM"]
    assert froms and froms[-1].split()[0] == "python:3.11-slim-bookworm", froms
    runtime = pairs[max(n for n, (i, _) in enumerate(pairs) if i == "FROM") :]
    users = [a for i, a in runtime if i == "USER"]
    assert users and users[-1] not in ("root", "0"), "the runtime stage must run as a non-root user"
    collect = [a for i, a in runtime if i == "RUN" and "collectstatic" in a]
    assert collect, "the runtime stage must run collectstatic"
    # Only the production settings select the Manifest storage that the running app needs.
    assert "PRODUCTION=True" in collect[0] and "--noinput" in collect[0], collect[0]


def test_dockerignore_keeps_local_state_out():
    lines = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".git", ".venv", "node_modules", "db.sqlite3", ".env", "media"):
        assert entry in lines, f".dockerignore should exclude {entry}"
