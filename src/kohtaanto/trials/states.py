"""The state table of a trial as data (`data/trial-states.json`): states, allowed moves and
who may make each. Pure: no Django; `services.transition` applies it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STATES_FILE = Path(__file__).parent / "data" / "trial-states.json"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    requires: tuple[str, ...]
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["en"]


@dataclass(frozen=True)
class StateTable:
    version: str
    states: dict[str, dict[str, str]]
    final: frozenset[str]
    transitions: tuple[Transition, ...]

    def state_label(self, state: str, lang: str) -> str:
        labels = self.states[state]
        return labels.get(lang) or labels["en"]

    def get(self, action: str) -> Transition:
        for transition in self.transitions:
            if transition.action == action:
                return transition
        raise KeyError(action)

    def moves_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def allowed(self, state: str, roles: set[str]) -> list[Transition]:
        """Moves out of `state` that someone with any of `roles` may make."""
        return [t for t in self.moves_from(state) if t.roles & roles]


@cache
def table() -> StateTable:
    data = json.loads(STATES_FILE.read_text(encoding="utf-8"))
    transitions = tuple(
        Transition(
            action=item["action"],
            sources=tuple(item["from"]),
            target=item["to"],
            roles=frozenset(item["roles"]),
            requires=tuple(item.get("requires", ())),
            labels=dict(item["label"]),
        )
        for item in data["transitions"]
    )
    states = {key: dict(value) for key, value in data["states"].items()}
    for transition in transitions:
        unknown = {*transition.sources, transition.target} - states.keys()
        if unknown:
            raise ValueError(f"{STATES_FILE.name}: unknown states {sorted(unknown)}")
    return StateTable(
        version=data["version"],
        states=states,
        final=frozenset(data["final"]),
        transitions=transitions,
    )
