"""Mermaid state diagrams drawn from the same workflow tables the code runs.

>>> print(diagram("KIA").splitlines()[1])
    [*] --> SUBMITTED: submit
"""

from __future__ import annotations

from adminduk.applications import Status
from adminduk.documents import DocumentCode, DocumentType
from adminduk.workflows.definitions import WORKFLOWS, Workflow, workflow_for

__all__ = ["diagram"]


def diagram(
    document: DocumentCode | type[DocumentType], *, workflow: Workflow | None = None
) -> str:
    """Return the Mermaid ``stateDiagram-v2`` of a document type's workflow.

    Edges are labelled with the action, and with the delivery paths where a step is limited to
    some (``ship [post, digital]``). A step that keeps the status (KTP-el biometric recording) is
    drawn as a loop.
    """
    code = document if isinstance(document, str) else document.code
    flow = workflow or WORKFLOWS.get(code) or workflow_for(code)
    edges: dict[tuple[str, str, str], set[str]] = {}
    for step in flow.steps:
        for source in step.sources:
            start = "[*]" if source is None else source.name
            dest = step.dest or source
            end = "[*]" if dest is None else dest.name
            paths = edges.setdefault((start, end, step.trigger.value), set())
            offered = step.deliveries & flow.deliveries
            if offered != flow.deliveries:
                paths.update(delivery.value for delivery in offered)
    lines = ["stateDiagram-v2"]
    for (start, end, trigger), paths in edges.items():
        label = trigger if not paths else f"{trigger} [{', '.join(sorted(paths))}]"
        lines.append(f"    {start} --> {end}: {label}")
    lines.extend(f"    {status.name} --> [*]" for status in Status if status.final)
    return "\n".join(lines) + "\n"
