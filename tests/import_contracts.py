"""An import-linter contract type: no import cycle between modules, whatever package holds them.

``acyclic_siblings`` forbids cycles among the children of each package it is given; the
project's top-level packages (sid, translations, sitecontent, campaign, …) are no package's
children, so a cycle running through two of them passed (``translations.core.source``
imported sitecontent's models inside a function, and they import it for their page form).
This contract reads the whole import graph of ``containers`` (imports inside functions
included, as grimp finds them) and fails on every group of modules that import each other,
directly or in a ring, showing one ring of each with the lines that make it.

Registered in pyproject.toml (``contract_types``); ``tests/foundation/test_layers.py``
checks it on a planted cycle.
"""

from __future__ import annotations

from collections import deque

from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(AlertLevel, default=AlertLevel.ERROR)

    def check(self, graph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        containers = tuple(self.containers)  # type: ignore[arg-type]
        modules = {m for m in graph.modules if any(m == c or m.startswith(f"{c}.") for c in containers)}
        edges = {m: sorted(graph.find_modules_directly_imported_by(m) & modules) for m in sorted(modules)}
        rings = [_ring(edges, group) for group in strongly_connected(edges) if len(group) > 1]
        shown = [
            [(importer, imported, _lines(graph, importer, imported)) for importer, imported in ring] for ring in rings
        ]
        return ContractCheck(
            kept=not rings,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"rings": shown},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for ring in check.metadata["rings"]:
            output.print_error(f"Modules that import each other ({len(ring)} imports in a ring):")
            output.new_line()
            for importer, imported, lines in ring:
                output.print_error(f"- {importer} -> {imported} ({lines})", bold=False)
            output.new_line()


def strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected groups of a directed graph (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(sorted(group))
    return groups


def _ring(edges: dict[str, list[str]], group: list[str]) -> list[tuple[str, str]]:
    """The shortest ring through the group's first module: its imports, in order."""
    members, start = set(group), group[0]
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in edges[node]:
            if child not in members:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                path.reverse()
                return list(zip(path, [*path[1:], start], strict=True))
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return []


def _lines(graph, importer: str, imported: str) -> str:
    numbers = sorted(
        {detail["line_number"] for detail in graph.get_import_details(importer=importer, imported=imported)}
    )
    return "l. " + ", ".join(str(number) for number in numbers) if numbers else "line unknown"
