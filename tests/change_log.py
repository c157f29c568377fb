"""What a change-log case returns (see tests/core/test_change_log.py)."""

from dataclasses import dataclass, field


@dataclass
class Expected:
    """A change-log row a case must leave: ``fields`` must be a subset of the row's."""

    entity: str
    entity_id: str
    operation: str
    fields: dict = field(default_factory=dict)
