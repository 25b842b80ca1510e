"""What can be checked of ``deploy/`` without a Docker engine or a cluster: every YAML
parses, the manifests agree with the code (probe routes, port, replicas, who holds the
Discord session), compose runs migrations before the bot, the image installs the way the
README does, and ``.env.example`` names exactly the settings there are."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import aiohttp
import yaml
from ops_env import free_port

from adapters.runtime import Runtime
from adapters.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def documents() -> dict[Path, list[Any]]:
    found = sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])
    return {path: [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
            for path in found}


def k8s(kind: str) -> list[dict[str, Any]]:
    return [d for path, docs in documents().items() if path.is_relative_to(K8S)
            for d in docs if d.get("kind") == kind]


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


def env_of(c: dict[str, Any]) -> dict[str, str]:
    """A container's environment: its ConfigMaps and Secrets, then its own ``env``."""
    sources = {f"{d['kind']}/{d['metadata']['name']}": {**d.get("data", {}),
                                                        **d.get("stringData", {})}
               for d in [*k8s("ConfigMap"), *k8s("Secret")]}
    env: dict[str, str] = {}
    for ref in c.get("envFrom", []):
        kind, spec = ("ConfigMap", ref["configMapRef"]) if "configMapRef" in ref else \
            ("Secret", ref["secretRef"])
        env.update(sources[f"{kind}/{spec['name']}"])
    env.update({e["name"]: str(e["value"]) for e in c.get("env", [])})
    return env


def settings_names() -> set[str]:
    return {str(field.validation_alias) for field in Settings.model_fields.values()}


def readme_install_steps() -> list[str]:
    """The README's one-command install, without the final ``debrief console``."""
    line = next(ln for ln in (ROOT / "README.md").read_text().splitlines()
                if "pip install ." in ln and "venv" in ln)
    return [s.strip() for s in line.split("&&") if "debrief console" not in s]


def test_every_yaml_under_deploy_parses() -> None:
    parsed = documents()
    assert len(parsed) >= 8
    assert all(docs for docs in parsed.values()), "no empty files"
    for path, docs in parsed.items():
        if path.is_relative_to(K8S):
            assert all({"apiVersion", "kind"} <= d.keys() for d in docs), path


def test_kubernetes_deployment_has_replicas_and_probes_on_real_routes() -> None:
    deployments = {d["metadata"]["name"]: d for d in k8s("Deployment")}
    assert max(d["spec"]["replicas"] for d in deployments.values()) >= 2
    for d in deployments.values():
        c = container(d)
        assert d["spec"]["selector"]["matchLabels"].items() <= \
            d["spec"]["template"]["metadata"]["labels"].items()
        (port,) = c["ports"]
        assert port["containerPort"] == int(env_of(c)["DEBRIEF_HTTP_PORT"])
        assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": port["name"]}
        assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": port["name"]}
        assert d["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
        assert c["command"] == ["debrief", "run"]


async def test_the_probe_paths_answer_on_a_running_debrief(tmp_path: Path) -> None:
    """The probes' paths, served by the real runtime (no platform needed for them)."""
    (d, *_) = k8s("Deployment")
    paths = {container(d)["livenessProbe"]["httpGet"]["path"]: "liveness",
             container(d)["readinessProbe"]["httpGet"]["path"]: "readiness"}
    port = free_port()
    runtime = Runtime(Settings(_env_file=None,  # type: ignore[call-arg]
                               DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
                               DEBRIEF_HTTP_HOST="127.0.0.1", DEBRIEF_HTTP_PORT=port))
    await runtime.start()
    try:
        async with aiohttp.ClientSession() as http:
            for path in [*paths, "/metrics"]:
                async with http.get(f"http://127.0.0.1:{port}{path}") as resp:
                    assert resp.status == 200, path
    finally:
        await runtime.stop()


def test_exactly_one_process_holds_the_discord_gateway_session() -> None:
    holders = [d for d in k8s("Deployment")
               if "DISCORD_TOKEN" in env_of(container(d))
               and env_of(container(d)).get("DISCORD_DELIVERY_ONLY", "false") != "true"]
    assert len(holders) == 1
    (holder,) = holders
    assert holder["spec"]["replicas"] == 1
    assert holder["spec"]["strategy"]["type"] == "Recreate", "never two sessions in a rollout"


def test_kubernetes_secret_service_and_migration_job_fit_together() -> None:
    (secret,) = k8s("Secret")
    assert {"DEBRIEF_DATABASE_URL", "SLACK_BOT_TOKEN", "DISCORD_TOKEN"} <= \
        secret["stringData"].keys()
    assert set(secret["stringData"]) | set(k8s("ConfigMap")[0]["data"]) <= settings_names()
    (service,) = k8s("Service")
    for d in k8s("Deployment"):
        labels = d["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= labels.items()
        assert service["spec"]["ports"][0]["targetPort"] == container(d)["ports"][0]["name"]
        assert container(d)["envFrom"][0]["secretRef"]["name"] == secret["metadata"]["name"]
    (job,) = k8s("Job")
    pod = job["spec"]["template"]
    assert pod["spec"]["containers"][0]["command"] == ["debrief", "db", "upgrade"]
    assert not service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert all((K8S / r).exists() for r in kustomization["resources"])


def test_compose_runs_migrations_before_the_bot_on_postgres() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"bot", "migrate", "postgres"} <= services.keys()
    assert services["migrate"]["command"] == ["debrief", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["bot"]["command"] == ["debrief", "run"]
    assert services["bot"]["depends_on"]["migrate"]["condition"] == \
        "service_completed_successfully"
    for name in ("bot", "migrate"):
        url = services[name]["environment"]["DEBRIEF_DATABASE_URL"]
        assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url
        assert services[name]["build"]["dockerfile"] == "deploy/Dockerfile"
    assert "healthcheck" in services["postgres"]


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text())
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1].strip())
            for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def test_dockerfile_is_slim_non_root_with_tzdata_a_health_check_and_the_readme_install() -> None:
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    runs = [args for op, args in steps if op == "RUN"]
    assert any("apt-get install" in r and "tzdata" in r.split() for r in runs)
    (install,) = [r for r in runs if "pip install" in r]
    venv = shlex.split(install)[3]  # python3 -m venv <dir>
    ours = [s.strip().replace(venv, ".venv") for s in install.split("&&")]
    assert ours == readme_install_steps(), "the image installs the way the README does"
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert [op for op, _ in steps].index("USER") > [op for op, _ in steps].index("RUN")
    (health,) = [args for op, args in steps if op == "HEALTHCHECK"]
    assert "/healthz" in health
    assert steps[-1] == ("CMD", '["debrief", "run"]')
    copied = {args.split()[0] for op, args in steps if op == "COPY"}
    assert {"pyproject.toml", "bot", "adapters", "storage"} <= copied


def env_example_names() -> list[str]:
    return re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(),
                      re.MULTILINE)


def test_env_example_lists_exactly_the_settings_each_once() -> None:
    names = env_example_names()
    assert len(names) == len(set(names))
    assert set(names) == settings_names()


def test_env_example_covers_the_readme_configuration_table() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_cells = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", "".join(first_cells)))
    assert documented and documented <= set(env_example_names())


# --- the image's user, and what goes into its build context ---------------------------------

def run_words(marker: str) -> list[str]:
    """The words of the one RUN instruction that calls ``marker``."""
    (found,) = [shlex.split(args) for op, args in dockerfile() if op == "RUN" and marker in args]
    return found


def option(words: list[str], after: str, name: str) -> str:
    command = words[words.index(after):]
    return command[command.index(name) + 1]


def test_image_user_has_its_own_group_with_the_ids_kubernetes_runs_as() -> None:
    words = run_words("useradd")
    gid = option(words, "groupadd", "--gid")
    uid = option(words, "useradd", "--uid")
    assert option(words, "useradd", "--gid") == gid, "the user is in the group created for it"
    assert "--system" not in words, "10001 is above the system range: a regular account"
    assert int(uid) > 999 and int(gid) > 999
    users = [args for op, args in dockerfile() if op == "USER"]
    assert users[-1] == f"{uid}:{gid}"
    data = words[words.index("install"):]
    assert data[data.index("-o") + 1] == uid and data[data.index("-g") + 1] == gid
    assert ("WORKDIR", "/data") in dockerfile() and "/data" in data
    pods = [*k8s("Deployment"), *k8s("Job")]
    assert len(pods) == 3
    for workload in pods:
        context = workload["spec"]["template"]["spec"]["securityContext"]
        assert (context["runAsUser"], context["runAsGroup"]) == (int(uid), int(gid)), \
            workload["metadata"]["name"]


def ignore_rules(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text().splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def ignore_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker's patternmatcher reads it: ``*`` and ``?`` stay
    inside one path segment, ``**`` spans any number of them."""
    out, i = "", 0
    pattern = pattern.strip("/")
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            out += ".*" if i >= len(pattern) else "(.*/)?"
            continue
        if ch == "*":
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "[":
            end = pattern.index("]", i)
            out += pattern[i:end + 1]
            i = end
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(out)


def in_context(relative: str, rules: list[str]) -> bool:
    """Whether the builder sends this file: the last rule matching it or a folder above it
    wins, ``!`` puts it back."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    sent = True
    for rule in rules:
        negated = rule.startswith("!")
        regex = ignore_regex(rule.lstrip("!"))
        if any(regex.fullmatch(p) for p in prefixes):
            sent = negated
    return sent


def test_both_builders_get_the_same_context_without_generated_files() -> None:
    rules = ignore_rules(ROOT / ".dockerignore")
    assert rules == ignore_rules(DEPLOY / "Dockerfile.dockerignore"), \
        "the classic builder (root file) and BuildKit (Dockerfile's own) send the same"
    needed = ["pyproject.toml", "README.md", "bot/service.py", "bot/py.typed",
              "adapters/cli.py", "storage/alembic.ini",
              "storage/migrations/versions/0001_initial.py"]
    junk = [".venv/bin/python", ".git/HEAD", ".env", "debrief.db", "bot/debrief.db",
            "debrief.db-wal", "bot/__pycache__/service.cpython-311.pyc",
            "storage/migrations/__pycache__/env.cpython-311.pyc", "adapters/cli.pyc",
            "debrief_bot.egg-info/PKG-INFO", "storage/debrief_bot.egg-info/PKG-INFO",
            "bot/.mypy_cache/3.11/x.json", "tests/conftest.py", "deploy/Dockerfile",
            "build/lib/bot/service.py"]
    for path in needed:
        assert (ROOT / path).exists(), path
        assert in_context(path, rules), path
    for path in junk:
        assert not in_context(path, rules), path
    copied = {args.split()[0] for op, args in dockerfile() if op == "COPY"}
    assert all(in_context(c, rules) for c in copied)


def test_compose_postgres_is_healthy_only_once_the_bots_database_answers_over_tcp() -> None:
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    postgres = services["postgres"]
    kind, command = postgres["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    words = shlex.split(command.replace("$$", "$"))
    assert "psql" in words and "--command=select 1" in words
    assert "--host=127.0.0.1" in words, "TCP: the first start's socket-only server is no proof"
    assert "--dbname=$POSTGRES_DB" in words and "--username=$POSTGRES_USER" in words
    url = services["bot"]["environment"]["DEBRIEF_DATABASE_URL"]
    user, database = url.split("://", 1)[1].split(":", 1)[0], url.rsplit("/", 1)[1]
    assert postgres["environment"]["POSTGRES_DB"] == database
    assert postgres["environment"]["POSTGRES_USER"] == user


def test_every_documented_compose_up_waits_for_the_bot() -> None:
    """Without ``--wait``, ``up -d`` returns 0 while a bot that cannot run restarts forever."""
    places = [ROOT / "README.md", ROOT / "docs" / "operations.md", DEPLOY / "compose.yaml"]
    ups = [(path.name, line) for path in places for line in path.read_text().splitlines()
           if "docker compose" in line and " up " in line]
    assert len(ups) >= 2
    assert all("--wait" in line.split() for _, line in ups), ups
