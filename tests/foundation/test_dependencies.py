"""Locked dependencies: the direct ones in ``requirements*.in``, every installed version in the
locks ``requirements*.txt`` that ``make lock`` (pip-tools) compiles from them.

Checked offline, against the packages actually installed: a dependency added to a lock by hand,
a direct one missing from a lock, a lock that lost a package some locked package needs, or a
package in the virtualenv that no lock pins all fail here (and so in CI, which installs from
the locks into a fresh virtualenv).
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
#: Installed with the virtualenv itself, never by a requirements file (pip-tools calls them unsafe).
TOOLING = {"pip", "setuptools", "wheel"}


def requirement_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith("#") and not line.startswith("-"):
            lines.append(line)
    return lines


def included(path: Path, option: str) -> list[Path]:
    return [
        path.parent / line.split(None, 1)[1] for line in path.read_text().splitlines() if line.startswith(option + " ")
    ]


def direct(path: Path) -> dict[str, Requirement]:
    """The direct requirements of an ``.in`` file and of the ``.in`` files it includes (-r)."""
    found = {}
    for nested in included(path, "-r"):
        found.update(direct(nested))
    for line in requirement_lines(path):
        requirement = Requirement(line)
        found[canonicalize_name(requirement.name)] = requirement
    return found


def lock(path: Path) -> dict[str, str]:
    pins = {}
    for line in requirement_lines(path):
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line)
        assert match, f"{path.name}: {line!r} is not an exact pin (write it in the .in file; make lock)"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


LOCKS = [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]


@pytest.mark.parametrize("source,locked", LOCKS)
def test_every_direct_dependency_is_pinned_in_its_lock(source, locked):
    wanted, pins = direct(ROOT / source), lock(ROOT / locked)
    for name, requirement in wanted.items():
        assert requirement.specifier, f"{source}: {requirement} has no version (pin it)"
        assert name in pins, f"{locked} lacks {requirement.name} of {source}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{locked} pins {requirement.name}=={pins[name]} but {source} asks {requirement}: run make lock"
        )


@pytest.mark.parametrize("source,locked", LOCKS)
def test_a_lock_holds_only_what_its_inputs_need(source, locked):
    """Closed and minimal: what the direct requirements need, transitively, and nothing else
    (a line added to a lock by hand, or left behind by a removed dependency, fails)."""
    wanted, pins = direct(ROOT / source), lock(ROOT / locked)
    environment = default_environment()
    needed, todo = set(), [(name, set(req.extras)) for name, req in wanted.items()]
    while todo:
        name, extras = todo.pop()
        if name in needed and not extras:
            continue
        needed.add(name)
        if name in TOOLING:
            continue
        assert name in pins, f"{locked} lacks {name}, which a locked package needs: run make lock"
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({**environment, "extra": extra}) for extra in extras | {""}):
                child = canonicalize_name(requirement.name)
                if child not in needed or requirement.extras:
                    todo.append((child, set(requirement.extras)))
    assert set(pins) - needed - TOOLING == set(), f"{locked} pins what nothing needs: run make lock"


def test_the_dev_lock_agrees_with_the_runtime_lock():
    runtime, dev = lock(ROOT / "requirements.txt"), lock(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_every_installed_package_is_the_locked_version():
    """The virtualenv the tests run in was installed from the dev lock: nothing else in it,
    nothing at another version."""
    pins = lock(ROOT / "requirements-dev.txt")
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in TOOLING
    }
    assert {name: version for name, version in installed.items() if pins.get(name) != version} == {}
    assert set(pins) - set(installed) - TOOLING == set()
