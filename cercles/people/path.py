"""A person's talent path: what he did, gathered from every people module.

Each module registers a function for the "talent_path" slot of cercles.core.panels:

    @panels.register("talent_path", order=30)
    def trainings_steps(*, person, viewer) -> list[PathStep]:
        ...

It returns the steps of `person` that `viewer` may see (a private self-assessment
or a confidential coaching relationship only to those entitled), in a constant
number of queries. The path page (cercles.people) sorts them by date.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class PathStep:
    date: datetime.date
    kind: str  # "assessment", "coaching", "mission", "training", "onboarding", "path"…
    title: str  # already translated, plain text
    url: str = ""
    detail: str = ""  # one short line, plain text
    private: bool = False  # shown only because the viewer is the person (or entitled)
