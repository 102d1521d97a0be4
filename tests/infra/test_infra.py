"""The deployment files name only `aap` commands, options and AAP_* settings that exist.

Docker is not needed: the Dockerfile, infra/compose.yaml and infra/k8s/ are read statically.
Every `aap ...` argv they would run (ENTRYPOINT + CMD, compose ``command:`` and health checks,
Kubernetes ``command``/``args`` and exec probes) is resolved against the real click command tree
of ``backend.cli:app``; every AAP_* name they contain must be a field of ``Settings``.

PyYAML is not a dependency of the project, so a small reader of the YAML subset these files use
(block mappings and sequences, one-line flow lists, quotes, anchors and ``<<`` merges) parses
them; it raises on any other syntax rather than misread it, and keeps every scalar a string.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from backend.cli import app
from backend.core.settings import InsecureConfiguration, Settings

REPOSITORY = Path(__file__).resolve().parents[2]
INFRA = REPOSITORY / "infra"
DOCKERFILE = INFRA / "Dockerfile"
DOCKERIGNORE = INFRA / "Dockerfile.dockerignore"
COMPOSE = INFRA / "compose.yaml"
K8S = INFRA / "k8s"
EXAMPLE_SECRET = "secret.example.yaml"

# Variables the files may set that are not aap settings: the interpreter's, pip's, fontconfig's.
OTHER_ENVIRONMENT = frozenset(
    {
        "PATH",
        "PYTHONUNBUFFERED",
        "PYTHONDONTWRITEBYTECODE",
        "PIP_DISABLE_PIP_VERSION_CHECK",
        "XDG_CACHE_HOME",
    }
)
SHELL_OPERATORS = frozenset({"&&", "||", "|", ";"})
A_REAL_SECRET = "s" * 48


# --- A reader for the YAML subset of the deployment files ------------------------------------


class YamlSubsetError(ValueError):
    """The text uses YAML this reader does not support (or is not valid YAML)."""


_KEY = re.compile(
    r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"\[\]{}#&*!|>%@`-][^:#]*?)"""
    r"""\s*:(?:\s+(?P<rest>.*))?$"""
)


def load_yaml_documents(text: str) -> list[Any]:
    """Every document of ``text`` (split on ``---``); empty documents are dropped."""
    documents: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(text.splitlines(), start=1):
        if re.match(r"^---(\s|$)", raw):
            documents.append([])
            continue
        if raw.startswith(("%", "...")):
            raise YamlSubsetError(f"line {number}: directives and document ends are unsupported")
        content = _strip_comment(raw, number)
        if not content.strip():
            continue
        indent = len(content) - len(content.lstrip(" "))
        if content[indent] == "\t":
            raise YamlSubsetError(f"line {number}: tab in indentation")
        documents[-1].append((indent, content.strip()))
    return [_Reader(lines).parse() for lines in documents if lines]


def _strip_comment(line: str, number: int) -> str:
    quote, previous, i = None, " ", 0
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if quote == "'" and char == "'" and line[i + 1 : i + 2] == "'":
            i += 2
            continue
        if quote and char == quote:
            quote = None
        elif not quote and char in "\"'" and previous in " \t[{,":
            quote = char
        elif not quote and char == "#" and previous in " \t":
            return line[:i].rstrip()
        previous = char
        i += 1
    if quote:
        raise YamlSubsetError(f"line {number}: unterminated quote (multi-line scalars unsupported)")
    return line.rstrip()


def _is_item(text: str) -> bool:
    return text == "-" or text.startswith("- ")


class _Reader:
    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = list(lines)
        self.anchors: dict[str, Any] = {}

    def parse(self) -> Any:
        value, i = self.block(0, self.lines[0][0])
        if i != len(self.lines):
            raise YamlSubsetError(f"unexpected indentation at {self.lines[i][1]!r}")
        return value

    def block(self, i: int, indent: int) -> tuple[Any, int]:
        if _is_item(self.lines[i][1]):
            return self.sequence(i, indent)
        return self.mapping(i, indent)

    def nested(self, i: int, parent: int, *, same_indent_sequence: bool) -> tuple[Any, int]:
        """The block under a key or a bare ``-``: deeper, or a sequence level with its key."""
        if i < len(self.lines):
            indent, text = self.lines[i]
            if indent > parent or (same_indent_sequence and indent == parent and _is_item(text)):
                return self.block(i, indent)
        return None, i

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        while i < len(self.lines) and self.lines[i][0] == indent and _is_item(self.lines[i][1]):
            text = self.lines[i][1]
            rest = text[1:].lstrip(" ")
            if not rest:
                value, i = self.nested(i + 1, indent, same_indent_sequence=False)
            elif _KEY.match(rest):
                # `- key: value` opens a mapping whose keys line up with `key`.
                self.lines[i] = (indent + len(text) - len(rest), rest)
                value, i = self.mapping(i, self.lines[i][0])
            else:
                value, i = self.inline(rest), i + 1
            items.append(value)
        return items, i

    def mapping(self, i: int, indent: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        merges: list[Any] = []
        while i < len(self.lines) and self.lines[i][0] == indent:
            text = self.lines[i][1]
            match = _KEY.match(text)
            if match is None or _is_item(text):
                raise YamlSubsetError(f"expected `key: value`, got {text!r}")
            key, rest = self.scalar(match["key"]), (match["rest"] or "").strip()
            anchor = None
            if rest.startswith("&"):
                anchor, _, rest = rest[1:].partition(" ")
                rest = rest.strip()
            if rest:
                value, i = self.inline(rest), i + 1
            else:
                value, i = self.nested(i + 1, indent, same_indent_sequence=True)
            if anchor:
                self.anchors[anchor] = value
            if key == "<<":
                merges.extend(value if isinstance(value, list) else [value])
            elif key in result:
                raise YamlSubsetError(f"duplicate key {key!r}")
            else:
                result[key] = value
        for merged in merges:  # explicit keys win, then earlier merges
            if not isinstance(merged, dict):
                raise YamlSubsetError("`<<` must merge a mapping")
            for key, value in merged.items():
                result.setdefault(key, value)
        return result, i

    def inline(self, text: str) -> Any:
        if text.startswith("*"):
            if text[1:] not in self.anchors:
                raise YamlSubsetError(f"unknown alias {text!r}")
            return self.anchors[text[1:]]
        if text.startswith("["):
            if not text.endswith("]"):
                raise YamlSubsetError(f"multi-line flow sequences unsupported: {text!r}")
            return [self.scalar(part) for part in _split_flow(text[1:-1])]
        if text == "{}":
            return {}
        return self.scalar(text)

    def scalar(self, text: str) -> str | None:
        if text.startswith('"'):
            if len(text) < 2 or not text.endswith('"'):
                raise YamlSubsetError(f"bad double-quoted scalar {text!r}")
            try:
                return str(json.loads(text))
            except json.JSONDecodeError as exc:
                raise YamlSubsetError(f"unsupported escape in {text!r}") from exc
        if text.startswith("'"):
            if len(text) < 2 or not text.endswith("'"):
                raise YamlSubsetError(f"bad single-quoted scalar {text!r}")
            return text[1:-1].replace("''", "'")
        if text[0] in "[]{}*&!|>%@`" or ": " in text:
            raise YamlSubsetError(f"unsupported YAML in {text!r}")
        return None if text in {"~", "null", "Null", "NULL"} else text


def _split_flow(text: str) -> list[str]:
    parts, current, quote, i = [], "", None, 0
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            current, i = current + text[i : i + 2], i + 2
            continue
        if quote and char == quote:
            quote = None
        elif not quote and char in "\"'":
            quote = char
        elif not quote and char == ",":
            parts.append(current.strip())
            current, i = "", i + 1
            continue
        current, i = current + char, i + 1
    parts.append(current.strip())
    if parts[-1] == "":
        parts.pop()  # `[]` or a trailing comma
    if any(part == "" for part in parts):
        raise YamlSubsetError(f"empty item in flow sequence [{text}]")
    return parts


# --- What the files would run ------------------------------------------------------------------


@dataclass(frozen=True)
class Invocation:
    where: str
    argv: tuple[str, ...]


@dataclass(frozen=True)
class Image:
    """The final stage of the Dockerfile: what a container runs unless told otherwise."""

    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    healthcheck: tuple[str, ...]
    user: str
    exposed: tuple[str, ...]
    env_keys: frozenset[str]


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        pending = ""
        if "<<" in arguments and keyword.upper() in {"RUN", "COPY"}:
            raise ValueError("heredocs are not supported by this reader")
        instructions.append((keyword.upper(), arguments.strip()))
    if pending:
        raise ValueError("the Dockerfile ends inside a line continuation")
    return instructions


def exec_form(arguments: str, where: str) -> tuple[str, ...]:
    """A JSON array of strings; Docker silently runs anything else through /bin/sh -c."""
    try:
        value = json.loads(arguments)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"{where}: not a JSON exec form: {arguments}") from exc
    if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
        raise AssertionError(f"{where}: not a JSON list of strings: {arguments}")
    return tuple(value)


def read_image(text: str) -> Image:
    instructions = dockerfile_instructions(text)
    env_keys = frozenset(key for kw, args in instructions if kw == "ENV" for key in _env(args))
    starts = [i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM"]
    final = dict(instructions[starts[-1] :])  # the last of each keyword in the final stage
    health = re.fullmatch(r"((?:--[a-z-]+=\S+\s+)*)CMD\s+(.*)", final.get("HEALTHCHECK", ""))
    return Image(
        entrypoint=exec_form(final.get("ENTRYPOINT", ""), "ENTRYPOINT"),
        cmd=exec_form(final.get("CMD", ""), "CMD"),
        healthcheck=exec_form(health[2], "HEALTHCHECK") if health else (),
        user=final.get("USER", "root"),
        exposed=tuple(final.get("EXPOSE", "").split()),
        env_keys=env_keys,
    )


def _env(arguments: str) -> list[str]:
    tokens = shlex.split(arguments)
    if tokens and "=" not in tokens[0]:
        return tokens[:1]  # the legacy `ENV KEY value` form
    return [token.split("=", 1)[0] for token in tokens]


def dockerfile_invocations(image: Image) -> Iterator[Invocation]:
    yield Invocation("Dockerfile ENTRYPOINT + CMD", image.entrypoint + image.cmd)
    yield Invocation("Dockerfile HEALTHCHECK", image.healthcheck)


def _argv(value: Any) -> tuple[str, ...]:
    """A command given as a list, or as a string the way compose splits it."""
    if isinstance(value, str):
        return tuple(shlex.split(value))
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise AssertionError(f"a command must be a string or a list of strings: {value!r}")
    return tuple(value)


def _shell_argv(command: str) -> tuple[str, ...]:
    """The first simple command of a shell line (up to `&&`, `|`...)."""
    tokens = shlex.split(command)
    for i, token in enumerate(tokens):
        if token in SHELL_OPERATORS:
            return tuple(tokens[:i])
    return tuple(tokens)


def _is_aap_image(image: Any) -> bool:
    name = str(image or "").rsplit("/", 1)[-1]
    return re.split(r"[:@]", name)[0] == "aap"


def _is_aap_service(service: dict[str, Any]) -> bool:
    build = service.get("build") or {}
    dockerfile = build.get("dockerfile", "") if isinstance(build, dict) else ""
    return dockerfile.endswith("infra/Dockerfile") or _is_aap_image(service.get("image"))


def compose_invocations(compose: dict[str, Any], image: Image) -> Iterator[Invocation]:
    """Compose semantics: `entrypoint:` replaces the image's and drops its CMD."""
    for name, service in compose["services"].items():
        if _is_aap_service(service):
            entry = _argv(service["entrypoint"]) if "entrypoint" in service else image.entrypoint
            default = () if "entrypoint" in service else image.cmd
            command = _argv(service["command"]) if "command" in service else default
            yield Invocation(f"compose services.{name}", entry + command)
        test = (service.get("healthcheck") or {}).get("test")
        if test:
            yield Invocation(f"compose services.{name}.healthcheck", _health_argv(test))


def _health_argv(test: Any) -> tuple[str, ...]:
    if isinstance(test, str):
        return _shell_argv(test)
    kind, *rest = _argv(test)
    if kind == "CMD-SHELL":
        return _shell_argv(" ".join(rest))
    return tuple(rest) if kind == "CMD" else ()


def k8s_documents() -> dict[str, list[Any]]:
    return {path.name: load_yaml_documents(path.read_text()) for path in sorted(K8S.glob("*.yaml"))}


def containers(node: Any) -> Iterator[dict[str, Any]]:
    """Every container and init container, wherever the pod spec sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"containers", "initContainers"} and isinstance(value, list):
                yield from (item for item in value if isinstance(item, dict))
            else:
                yield from containers(value)
    elif isinstance(node, list):
        for item in node:
            yield from containers(item)


def k8s_invocations(documents: dict[str, list[Any]], image: Image) -> Iterator[Invocation]:
    """Kubernetes semantics: `command` replaces ENTRYPOINT (and CMD), `args` replaces CMD."""
    for filename, docs in documents.items():
        for container in (c for doc in docs for c in containers(doc)):
            where = f"k8s/{filename} container {container.get('name')}"
            if _is_aap_image(container.get("image")):
                if "command" in container:
                    argv = _argv(container["command"]) + _argv(container.get("args") or [])
                else:
                    args = _argv(container["args"]) if "args" in container else image.cmd
                    argv = image.entrypoint + args
                yield Invocation(where, argv)
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                command = ((container.get(probe) or {}).get("exec") or {}).get("command")
                if command:
                    yield Invocation(f"{where} {probe}", _argv(command))


def deployment_invocations() -> list[Invocation]:
    image = read_image(DOCKERFILE.read_text())
    found = [
        *dockerfile_invocations(image),
        *compose_invocations(load_yaml_documents(COMPOSE.read_text())[0], image),
        *k8s_invocations(k8s_documents(), image),
    ]
    return [invocation for invocation in found if is_aap(invocation.argv)]


def is_aap(argv: tuple[str, ...]) -> bool:
    return bool(argv) and (argv[0] == "aap" or argv[0].endswith("/aap"))


# --- The checkers ------------------------------------------------------------------------------


def cli_problems(invocation: Invocation, root: Any) -> list[str]:
    """Resolve the subcommands through ``.commands``, then let click parse the rest.

    ``root`` is ``typer.main.get_command(app)``: typer's own (vendored) click tree, so groups
    are recognised by their ``commands`` mapping rather than by ``click.Group``.
    """
    shown = f"{invocation.where}: `{shlex.join(invocation.argv)}`"
    if not is_aap(invocation.argv):
        return [f"{shown}: not an aap command"]
    command, path, rest = root, ["aap"], list(invocation.argv[1:])
    while isinstance(getattr(command, "commands", None), dict):
        if not rest or rest[0].startswith("-"):
            return [f"{shown}: `{' '.join(path)}` needs one of {sorted(command.commands)}"]
        name = rest.pop(0)
        if name not in command.commands:
            known = sorted(command.commands)
            return [f"{shown}: no command {name!r} in `{' '.join(path)}` (known: {known})"]
        command, path = command.commands[name], [*path, name]
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    unknown = [t for t in rest if t.startswith("-") and t.split("=", 1)[0] not in options]
    if unknown:
        return [f"{shown}: `{' '.join(path)}` has no option {unknown} (has {sorted(options)})"]
    try:
        command.make_context(" ".join(path), rest)  # values, arity, required parameters
    except typer.TyperException as exc:
        return [f"{shown}: {exc.format_message()}"]
    except typer.Exit:
        return [f"{shown}: exits before running the command (--help?)"]
    return []


def unknown_settings(names: set[str]) -> list[str]:
    return sorted(
        name for name in names if name[len("AAP_") :].lower() not in Settings.model_fields
    )


def aap_names(text: str) -> set[str]:
    """Every AAP_* token, comments included: documentation must not name a missing setting."""
    return set(re.findall(r"\bAAP_[A-Z0-9_]+\b", text))


def environment_key_problems(keys: set[str]) -> list[str]:
    """AAP_* keys must be settings; any other key must be a known non-aap variable."""
    settings = {k for k in keys if k.startswith("AAP_")}
    strangers = sorted(keys - settings - OTHER_ENVIRONMENT)
    return [*(f"unknown setting {k}" for k in unknown_settings(settings)), *strangers]


def compose_environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.partition("=")[::2] for item in environment)
    return {key: "" if value is None else value for key, value in environment.items()}


def k8s_environment_keys(documents: dict[str, list[Any]]) -> set[str]:
    keys: set[str] = set()
    for doc in (doc for docs in documents.values() for doc in docs):
        if doc.get("kind") in {"ConfigMap", "Secret"}:
            keys.update(doc.get("data") or {}, doc.get("stringData") or {})
        for container in containers(doc):
            if _is_aap_image(container.get("image")):
                keys.update(item["name"] for item in container.get("env") or [])
    return keys


_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(value: str, environ: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?error}``."""

    def replace(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"] or "", match["arg"] or ""
        current = environ.get(name)
        missing = current is None or (op.startswith(":") and current == "")
        if op.endswith("?") and missing:
            raise ValueError(f"required variable {name} is missing: {arg}")
        if op.endswith("-") and missing:
            return arg
        return current or ""

    return _INTERPOLATION.sub(replace, value)


def settings_from(environment: dict[str, str]) -> Settings:
    return Settings(
        **{k[len("AAP_") :].lower(): v for k, v in environment.items() if k.startswith("AAP_")}
    )


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def root() -> Any:
    return typer.main.get_command(app)


@pytest.fixture(scope="module")
def image() -> Image:
    return read_image(DOCKERFILE.read_text())


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_yaml_documents(COMPOSE.read_text())[0]


@pytest.fixture(scope="module")
def k8s() -> dict[str, list[Any]]:
    return k8s_documents()


def _k8s_kind(k8s: dict[str, list[Any]], kind: str, name: str) -> dict[str, Any]:
    for doc in (doc for docs in k8s.values() for doc in docs):
        if doc.get("kind") == kind and doc["metadata"]["name"] == name:
            return doc
    raise AssertionError(f"no {kind} {name} in infra/k8s")


# --- The deployment files ----------------------------------------------------------------------


def test_aap_commands_in_deployment_files_exist_in_cli(root: Any) -> None:
    problems = [p for inv in deployment_invocations() for p in cli_problems(inv, root)]

    assert problems == []


EXPECTED_ROLES: dict[str, Callable[[tuple[str, ...]], bool]] = {
    "api": lambda argv: argv[1:2] == ("serve",),
    "migrations": lambda argv: argv[1:] == ("migrate",),
    "time-critical worker": lambda argv: argv[1:] == ("worker", "--queue", "time-critical"),
    "heavy worker": lambda argv: argv[1:] == ("worker", "--queue", "heavy"),
    "mail worker": lambda argv: argv[1:] == ("worker", "--queue", "mail"),
    "time-critical worker health": lambda argv: (
        argv[1:] == ("worker", "--check", "--queue", "time-critical")
    ),
    "heavy worker health": lambda argv: argv[1:] == ("worker", "--check", "--queue", "heavy"),
    "mail worker health": lambda argv: argv[1:] == ("worker", "--check", "--queue", "mail"),
}


@pytest.mark.parametrize(
    ("prefix", "roles"),
    [
        ("Dockerfile", {"api"}),
        ("compose", set(EXPECTED_ROLES)),
        ("k8s", set(EXPECTED_ROLES)),
    ],
)
def test_deployment_files_run_every_role_when_read(prefix: str, roles: set[str]) -> None:
    """Guards the checker itself: a reader that found nothing would pass the test above."""
    argvs = [inv.argv for inv in deployment_invocations() if inv.where.startswith(prefix)]

    found = {role for role in roles if any(EXPECTED_ROLES[role](argv) for argv in argvs)}

    assert found == roles


def test_aap_variables_in_infra_files_are_settings() -> None:
    files = [p for p in sorted(INFRA.rglob("*")) if p.is_file()]
    names = {name for path in files for name in aap_names(path.read_text())}

    assert {"AAP_SECRET_KEY", "AAP_DATABASE_URL", "AAP_REDIS_URL"} <= names
    assert unknown_settings(names) == []


def test_environment_keys_in_deployment_files_are_known(
    image: Image, compose: dict[str, Any], k8s: dict[str, list[Any]]
) -> None:
    compose_keys = {
        key
        for service in compose["services"].values()
        if _is_aap_service(service)
        for key in compose_environment(service)
    }

    assert environment_key_problems(set(image.env_keys)) == []
    assert environment_key_problems(compose_keys) == []
    assert environment_key_problems(k8s_environment_keys(k8s)) == []


def copy_sources(text: str) -> list[str]:
    """The build-context paths of every COPY (not those copied from another stage)."""
    sources: list[str] = []
    for keyword, arguments in dockerfile_instructions(text):
        tokens = shlex.split(arguments)
        if keyword in {"COPY", "ADD"} and not any(t.startswith("--from") for t in tokens):
            sources.extend(t for t in tokens[:-1] if not t.startswith("--"))
    return sources


def test_dockerfile_copy_sources_reach_build_context() -> None:
    """Nothing is built here, so check what a build would need: the repository root holds
    each source (a glob may match nothing) and the allowlist ignore file lets it through."""
    ignore = DOCKERIGNORE.read_text().splitlines()
    allowed = [line[1:] for line in ignore if line.startswith("!")]
    sources = copy_sources(DOCKERFILE.read_text())

    missing = [s for s in sources if not re.search(r"[*?\[]", s) and not (REPOSITORY / s).exists()]
    ignored = [s for s in sources if not any(fnmatch.fnmatch(a, s.split("/")[0]) for a in allowed)]

    assert "*" in ignore
    assert {"pyproject.toml", "backend", "graphql_schema", "workers"} <= set(sources)
    assert missing == []
    assert ignored == []


def test_dockerfile_healthcheck_hits_healthz_with_python(image: Image) -> None:
    assert image.healthcheck[0] == "python"
    assert "/healthz" in " ".join(image.healthcheck)


def test_dockerfile_user_is_numeric_non_root(image: Image) -> None:
    """Kubernetes can verify runAsNonRoot only against a numeric uid."""
    uid = image.user.split(":")[0]

    assert uid.isdigit()
    assert int(uid) != 0


def test_dockerfile_exposes_default_port(image: Image) -> None:
    assert image.exposed == (str(Settings.model_fields["port"].default),)


def test_compose_environment_passes_production_check(compose: dict[str, Any]) -> None:
    environment = {
        key: interpolate(value, {"AAP_SECRET_KEY": A_REAL_SECRET})
        for key, value in compose_environment(compose["services"]["api"]).items()
    }

    settings = settings_from(environment)

    settings.check_production()
    assert settings.is_prod
    assert settings.database_url.startswith("postgresql+asyncpg://")


def test_compose_secret_key_unset_refuses_to_interpolate(compose: dict[str, Any]) -> None:
    secret = compose_environment(compose["services"]["api"])["AAP_SECRET_KEY"]

    with pytest.raises(ValueError, match="set AAP_SECRET_KEY"):
        interpolate(secret, {})


def test_compose_services_depend_on_healthy_backends(compose: dict[str, Any]) -> None:
    services = compose["services"]

    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("api", "worker-time-critical", "worker-heavy", "worker-mail"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["redis"]["condition"] == "service_healthy"
    for name in ("worker-time-critical", "worker-heavy", "worker-mail"):
        assert services[name]["deploy"]["replicas"] == "2"


def test_k8s_example_secret_refused_by_production_check(k8s: dict[str, list[Any]]) -> None:
    config = _k8s_kind(k8s, "ConfigMap", "aap-config")["data"]
    secret = _k8s_kind(k8s, "Secret", "aap-secrets")["stringData"]

    with pytest.raises(InsecureConfiguration):
        settings_from({**config, **secret}).check_production()


def test_k8s_config_with_real_secret_passes_production_check(k8s: dict[str, list[Any]]) -> None:
    config = _k8s_kind(k8s, "ConfigMap", "aap-config")["data"]
    secret = _k8s_kind(k8s, "Secret", "aap-secrets")["stringData"]

    settings = settings_from({**config, **secret, "AAP_SECRET_KEY": A_REAL_SECRET})

    settings.check_production()


def test_k8s_api_probes_target_health_routes(k8s: dict[str, list[Any]]) -> None:
    (api,) = containers(_k8s_kind(k8s, "Deployment", "aap-api"))

    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["args"][api["args"].index("--port") + 1] == api["ports"][0]["containerPort"]


def test_k8s_pods_run_as_non_root(k8s: dict[str, list[Any]]) -> None:
    pods = [
        (name, doc["spec"]["template"]["spec"])
        for name, docs in k8s.items()
        for doc in docs
        if doc.get("kind") in {"Deployment", "Job"}
    ]

    assert len(pods) == 5  # the API, the migrations Job, a worker Deployment per queue
    for name, pod in pods:
        assert pod["securityContext"]["runAsNonRoot"] == "true", name
        for container in pod["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] == "false", name


def test_kustomization_lists_every_manifest_but_the_example_secret(
    k8s: dict[str, list[Any]],
) -> None:
    (kustomization,) = k8s["kustomization.yaml"]
    manifests = set(k8s) - {"kustomization.yaml", EXAMPLE_SECRET}

    assert set(kustomization["resources"]) == manifests


# --- The checkers can fail -----------------------------------------------------------------------

BROKEN_COMPOSE = """
x-env: &env
  AAP_SECERT_KEY: typo
  APP_LOG_LEVEL: INFO
services:
  api:
    image: aap:latest
    environment: *env
    command: ["serve", "--hots", "0.0.0.0"]
  worker:
    image: aap:latest
    command: ["wroker"]
  audit:
    image: aap:latest
    command: ["audit", "verfy"]
  half:
    image: aap:latest
    command: ["audit"]
  port:
    image: aap:latest
    command: ["serve", "--port", "eighty"]
  valid:
    image: aap:latest
    command: ["serve", "--host", "0.0.0.0", "--port", "8000"]
    healthcheck:
      test: ["CMD", "aap", "worker", "--check"]
"""


def test_cli_checker_unknown_command_or_option_detected(root: Any, image: Image) -> None:
    compose = load_yaml_documents(BROKEN_COMPOSE)[0]

    problems = {inv.where: cli_problems(inv, root) for inv in compose_invocations(compose, image)}

    assert "has no option ['--hots']" in problems["compose services.api"][0]
    assert "no command 'wroker' in `aap`" in problems["compose services.worker"][0]
    assert "no command 'verfy' in `aap audit`" in problems["compose services.audit"][0]
    assert "needs one of ['seal', 'verify']" in problems["compose services.half"][0]
    assert "Invalid value for '--port'" in problems["compose services.port"][0]
    assert problems["compose services.valid"] == []
    assert problems["compose services.valid.healthcheck"] == []


def test_cli_checker_k8s_probe_with_unknown_option_detected(root: Any, image: Image) -> None:
    manifest = """
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: worker
          image: registry.example.org/aap:1.2.3
          args: ["worker"]
          livenessProbe:
            exec:
              command: ["aap", "worker", "--healthy"]
"""
    documents = {"snippet.yaml": load_yaml_documents(manifest)}

    problems = [p for inv in k8s_invocations(documents, image) for p in cli_problems(inv, root)]

    assert len(problems) == 1
    assert "has no option ['--healthy']" in problems[0]


def test_settings_checker_unknown_setting_detected() -> None:
    compose = load_yaml_documents(BROKEN_COMPOSE)[0]
    keys = set(compose_environment(compose["services"]["api"]))

    assert unknown_settings(aap_names(BROKEN_COMPOSE)) == ["AAP_SECERT_KEY"]
    assert environment_key_problems(keys) == ["unknown setting AAP_SECERT_KEY", "APP_LOG_LEVEL"]


def test_dockerfile_reader_shell_form_entrypoint_rejected() -> None:
    dockerfile = 'FROM python:3.11-slim-bookworm\nENTRYPOINT aap\nCMD ["serve"]\n'

    with pytest.raises(AssertionError, match="JSON exec form"):
        read_image(dockerfile)


# --- The YAML reader -----------------------------------------------------------------------------


def test_yaml_reader_anchors_merges_and_lists_parsed() -> None:
    text = """
base: &base
  image: aap   # a comment
  list:
  - "a # not a comment"
  - 'it''s'
svc:
  <<: *base
  image: other
  command: ["serve", "--host", '127.0.0.1']
  items:
    - name: one
      value: "1"
    - two
  empty: {}
  none:
---
second: doc
"""
    first, second = load_yaml_documents(text)

    assert first["svc"] == {
        "image": "other",
        "command": ["serve", "--host", "127.0.0.1"],
        "items": [{"name": "one", "value": "1"}, "two"],
        "empty": {},
        "none": None,
        "list": ["a # not a comment", "it's"],
    }
    assert second == {"second": "doc"}


@pytest.mark.parametrize(
    "text",
    [
        "key: |\n  block scalar\n",
        "key: {a: 1}\n",
        "key: [a, [b]]\n",
        "key: !!str tagged\n",
        "key: a\nkey: b\n",
        "? complex\n",
        "key: [a,\n  b]\n",
        "key:\n    deeper: 1\n  shallower: 2\n",
    ],
)
def test_yaml_reader_unsupported_syntax_raises(text: str) -> None:
    with pytest.raises(YamlSubsetError):
        load_yaml_documents(text)
