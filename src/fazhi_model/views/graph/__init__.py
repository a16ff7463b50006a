"""The duty graph (职责图): building it (:mod:`.build`) and asking it (:mod:`.queries`)."""

from fazhi_model.views.graph.build import (
    RELATIONS,
    Graph,
    How,
    build,
    build_graph,
    node_id,
    provision_id,
    step_id,
    task_id,
)
from fazhi_model.views.graph.queries import (
    Assignment,
    Reach,
    Source,
    after,
    before,
    due_dates,
    duties,
    empty_groups,
    find,
    responsible_for,
    unnamed_units,
)

__all__ = [
    "RELATIONS",
    "Assignment",
    "Graph",
    "How",
    "Reach",
    "Source",
    "after",
    "before",
    "build",
    "build_graph",
    "due_dates",
    "duties",
    "empty_groups",
    "find",
    "node_id",
    "provision_id",
    "responsible_for",
    "step_id",
    "task_id",
    "unnamed_units",
]
