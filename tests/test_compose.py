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

CI_RUN = ROOT / ".ci" / "run"

SERVICES = {"db", "redis", "migrate", "web", "worker", "worker-pdf", "beat", "backup"}
APP_SERVICES = ("migrate", "web", "worker", "worker-pdf", "beat", "backup")
WORKERS = ("worker", "worker-pdf")
# What other parts of the portal read from the environment, passed through with a default.
PASSED_THROUGH = {"LOG_FORMAT", "SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_TRACES_SAMPLE_RATE",
                  "METRICS_TOKEN", "STORAGE_BUCKET", "STORAGE_ENDPOINT_URL", "STORAGE_ACCESS_KEY_ID",
                  "STORAGE_SECRET_ACCESS_KEY", "STORAGE_REGION", "WORKER_HEARTBEAT_SECONDS"}
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
        assert names >= APP_ENV_KEYS | PASSED_THROUGH, (
            f"{name}: missing env {sorted(APP_ENV_KEYS | PASSED_THROUGH - names)}")
    # ...identical but for web's own metrics directory (prometheus_client's multiprocess mode,
    # which only gunicorn clears and marks).
    envs = [{key: value for key, value in env_dict(services[name]).items()
             if key != "PROMETHEUS_MULTIPROC_DIR"} for name in APP_SERVICES]
    assert all(env == envs[0] for env in envs), f"{APP_SERVICES} must get identical environments"
    assert env_dict(services["web"])["PROMETHEUS_MULTIPROC_DIR"]


@pytest.mark.parametrize("key", sorted(PASSED_THROUGH))
def test_optional_variables_have_a_default(services, key):
    """${NAME:-default}: unset on the host, the app gets the default (possibly empty), never a
    Compose warning or an unset variable."""
    assert re.fullmatch(r"\$\{" + key + r":-[^}]*\}", str(env_dict(services["web"])[key])), key


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
    for name in ("web", *WORKERS, "backup"):
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


def test_media_volume_shared_by_every_app_service(services):
    def media_mounts(name):
        return [v for v in services[name].get("volumes") or [] if str(v).startswith("media:")]

    for name in ("web", *WORKERS, "backup"):
        assert media_mounts(name) and media_mounts(name) == media_mounts("web"), name
    target = media_mounts("web")[0].split(":")[1]
    assert env_dict(services["web"])["MEDIA_ROOT"] == target, "MEDIA_ROOT must be the media mount"


def test_a_second_web_and_worker_replica(services):
    """Two of each prove that no state lives on a host; web's replicas each get a port of the
    published range (one fixed port would clash)."""
    for name in ("web", "worker"):
        assert services[name].get("deploy", {}).get("replicas", 1) >= 2, name
    (published,) = services["web"]["ports"]
    assert re.search(r"\$\{WEB_PORTS:-\d+-\d+\}:8000$", published), published
    assert published.startswith("127.0.0.1:"), "published for the local reverse proxy only"


def test_migrations_run_once_before_the_app_starts(services):
    assert "migrate" in command_text(services["migrate"]["command"])
    assert services["migrate"]["restart"] == "no"
    for name in ("web", *WORKERS, "beat", "backup"):
        assert depends_on(services[name]).get("migrate") == "service_completed_successfully", name
        assert "migrate" not in command_text(services[name]["command"]), name


def test_healthchecks_have_test(services):
    for name, service in services.items():
        if "healthcheck" in service and not service["healthcheck"].get("disable"):
            assert service["healthcheck"].get("test"), f"{name}: healthcheck without test"
    for name in ("db", "redis", "web", *WORKERS):
        assert "healthcheck" in services[name], f"{name} needs a healthcheck"


def test_services_without_http_do_not_inherit_the_images_healthz_check(services):
    """The image's HEALTHCHECK probes /healthz on port 8000, where only web listens."""
    for name in APP_SERVICES:
        if name == "web":
            continue
        check = services[name].get("healthcheck")
        assert check, f"{name}: override or disable the image's HEALTHCHECK"
        assert check.get("disable") or "/healthz" not in command_text(check.get("test")), name


def test_web_serves_with_gunicorn_and_checks_healthz(services):
    web = services["web"]
    command = command_text(web.get("command"))
    assert command.startswith("gunicorn ") and "partnership.wsgi:application" in command
    config = re.search(r"--config (\S+)", command)
    assert config is None or (ROOT / config.group(1)).is_file(), "gunicorn's --config must exist"
    probe = command_text(web["healthcheck"]["test"])
    assert "scripts/probe /healthz" in probe and (ROOT / "scripts" / "probe").is_file()


def test_celery_services(services):
    for name in WORKERS:
        assert re.search(r"\bcelery -A partnership worker\b", command_text(services[name]["command"]))
    beat = command_text(services["beat"]["command"])
    assert re.search(r"\bcelery -A partnership beat\b", beat), beat
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1, "one beat, or tasks run twice"


def worker_option(command, option):
    words = command_text(command).split()
    return words[words.index(option) + 1] if option in words else None


def test_workers_consume_every_queue_with_bounded_processes(services):
    from django.conf import settings

    consumed = set()
    for name in WORKERS:
        command = services[name]["command"]
        consumed |= set(worker_option(command, "-Q").split(","))
        for option in ("--concurrency", "--max-tasks-per-child"):
            assert re.fullmatch(r"\$\{\w+:-[1-9]\d*\}|[1-9]\d*", worker_option(command, option) or ""), (
                f"{name}: {option}")
        assert worker_option(command, "--prefetch-multiplier") == "1", name
    assert consumed == {queue.name for queue in settings.CELERY_TASK_QUEUES}
    assert worker_option(services["worker-pdf"]["command"], "-Q") == "pdf"
    healthcheck = command_text(services["worker"]["healthcheck"]["test"])
    assert "inspect ping" in healthcheck and "$$HOSTNAME" in healthcheck


def test_ci_worker_consumes_every_queue():
    from django.conf import settings

    step = re.search(r"celery -A partnership worker .*", CI_RUN.read_text(encoding="utf-8"))
    queues = re.search(r"-Q (\S+)", step.group(0))
    assert queues and set(queues.group(1).split(",")) == {q.name for q in settings.CELERY_TASK_QUEUES}


def test_backup_service_runs_the_backup_command_daily(compose, services):
    backup = services["backup"]
    assert backup.get("profiles") == ["backup"], "started on purpose: --profile backup"
    command = command_text(backup["command"])
    assert re.search(r"manage\.py backup --output \"?/backups/portal-\$\$\(date ", command), command
    assert "sleep" in command and "86400" in command
    assert "backups:/backups" in backup["volumes"]


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
    config = re.search(r"--config (\S+)", words)
    assert config is None or (ROOT / config.group(1)).is_file(), "gunicorn's --config must exist"


def weasyprint_packages(text, pattern):
    found = re.search(pattern + r'WEASYPRINT_PKGS="([^"]+)"', text, re.MULTILINE)
    assert found, f"no WEASYPRINT_PKGS list ({pattern})"
    return found.group(1).split()


def test_the_image_installs_what_ci_installs_for_weasyprint():
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    ci = CI_RUN.read_text(encoding="utf-8")
    image = weasyprint_packages(dockerfile, r"^ARG ")
    assert image == weasyprint_packages(ci, r"^"), "the Dockerfile and .ci/run must install the same list"
    assert "libharfbuzz-subset0" in image and "fonts-dejavu-core" in image
    assert re.search(r"^APT_PKGS=.*\$WEASYPRINT_PKGS", ci, re.MULTILINE), ".ci/run must install the list"
    install = [a for i, a in dockerfile_instructions() if i == "RUN" and "apt-get install" in a]
    assert install and "$WEASYPRINT_PKGS" in install[0] and "postgresql-client-15" in install[0]


def test_assets_are_built_on_a_supported_node_lts():
    froms = [a.split() for i, a in dockerfile_instructions() if i == "FROM"]
    (node,) = [words[0] for words in froms if words[0].startswith("node:")]
    major = int(re.match(r"node:(\d+)-", node).group(1))
    assert major >= 22 and major % 2 == 0, f"{node}: an LTS line still supported (22 or later)"


def test_dockerfile_has_a_healthcheck_on_healthz():
    checks = [a for i, a in dockerfile_instructions() if i == "HEALTHCHECK"]
    assert len(checks) == 1, "one HEALTHCHECK"
    words = exec_form(checks[0][checks[0].index("CMD") + 3:].strip())
    assert words == ["python", "scripts/probe", "/healthz"]


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
