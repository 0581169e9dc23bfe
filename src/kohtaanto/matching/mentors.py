"""Mentor matching: an explainable score of a volunteer mentor for a participant, a ranked list,
and an optimal assignment of many participants to mentors under the mentors' capacities.

Pure Python + NumPy/SciPy (no Django). The inputs are two small dataclasses with the only
fields matching may see: `MenteeNeed` (languages, town, remote, interests, skills to learn)
and `MentorCandidate` (languages, towns, remote, interests, skills, free places, roles). There
is no field for age, gender, nationality, health or anything else: what is not in the model
cannot be scored. A caller holding a fuller record goes through `need_from_record` /
`mentor_from_record`, which read only `NEED_FIELDS` / `MENTOR_FIELDS` and ignore the rest.

The points are data (`rules/mentor-v1.json`, `load_mentor_rules`), every reason names its rule
id, and every result carries the version. All points are dyadic fractions, so a score is exact
in binary floating point whatever the order of addition: `score_matrix` (NumPy, for many pairs)
and `score` (one pair, with its reasons) give bit-identical numbers (the tests check it).

`assign` maximises the total score with each mentor used at most its free places and each
participant given at most one mentor; pairs that score 0 (a filter failed: no common language,
no place to meet, no mentoring role, no free place) are never assigned. It solves a rectangular
assignment problem (`scipy.optimize.linear_sum_assignment`) on the participants that have an
eligible mentor × the mentors' places, each mentor's places capped at the number of
participants it could take (both reductions keep the optimum). `greedy_assign` is the baseline:
the highest-scoring pairs first. Inputs are sorted by id first, so the result does not depend
on the order they come in; among equal scores, lower ids come first in `rank` and `greedy_assign`.
Among assignments of the same total, `assign` takes the one that gives a mentor to people with
fewer eligible mentors (`SCARCITY_BONUS`, a dyadic score never differs by that little), not one
that depends on how the ids sort.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kohtaanto.matching.model import level_rank
from kohtaanto.matching.rules import RulesError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

RULES_DIR = Path(__file__).parent / "rules"
MENTOR_VERSION = "mentor-v1"

FILTER_ROLE = "filter.role"
FILTER_CAPACITY = "filter.capacity"
FILTER_LANGUAGE = "filter.language"
FILTER_PLACE = "filter.place"
LANGUAGE_OWN = "language.own"
LANGUAGE_WANTED = "language.wanted"
LANGUAGE_SHARED = "language.shared"
PLACE_SAME = "place.same"
PLACE_REMOTE = "place.remote"
INTEREST_SHARED = "interest.shared"
SKILL_TEACH = "skill.teach"
CAPACITY_LEFT = "capacity.left"

MENTOR_RULE_IDS: tuple[str, ...] = (
    FILTER_ROLE,
    FILTER_CAPACITY,
    FILTER_LANGUAGE,
    FILTER_PLACE,
    LANGUAGE_OWN,
    LANGUAGE_WANTED,
    LANGUAGE_SHARED,
    PLACE_SAME,
    PLACE_REMOTE,
    INTEREST_SHARED,
    SKILL_TEACH,
    CAPACITY_LEFT,
)
FILTERS: tuple[str, ...] = (FILTER_ROLE, FILTER_CAPACITY, FILTER_LANGUAGE, FILTER_PLACE)
NATIVE = level_rank("native")
_DYADIC = 1024


@dataclass(frozen=True, slots=True)
class MenteeNeed:
    """What a participant who wants a mentor asks for. `region` is a place code (the product
    passes a municipality code); `languages` ISO 639-1 → level (A1…C2, "native");
    `preferred_languages` the languages the participant asked the mentoring in, most wanted
    first; `interests` and `skills_to_learn` concept URIs."""

    id: str
    languages: Mapping[str, str] = field(default_factory=dict)
    region: str | None = None
    wants_remote: bool = False
    interests: frozenset[str] = frozenset()
    skills_to_learn: frozenset[str] = frozenset()
    preferred_languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MentorCandidate:
    """A volunteer who could mentor: `regions` the place codes where they meet people,
    `interests` and `skills` concept URIs, `capacity_left` free places for mentees, `roles`
    the volunteer roles they take in the organisation."""

    id: str
    languages: Mapping[str, str] = field(default_factory=dict)
    regions: frozenset[str] = frozenset()
    remote_ok: bool = False
    interests: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    capacity_left: int = 0
    roles: frozenset[str] = frozenset()


#: The only fields of a record that mentor matching may see.
NEED_FIELDS: tuple[str, ...] = (
    "id",
    "languages",
    "region",
    "wants_remote",
    "interests",
    "skills_to_learn",
    "preferred_languages",
)
MENTOR_FIELDS: tuple[str, ...] = (
    "id",
    "languages",
    "regions",
    "remote_ok",
    "interests",
    "skills",
    "capacity_left",
    "roles",
)


def _languages(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in (value or {}).items()}


def _uris(value: Any) -> frozenset[str]:
    return frozenset(str(v) for v in value or ())


def need_from_record(record: Mapping[str, Any]) -> MenteeNeed:
    """The one adapter from a record (dict) to a `MenteeNeed`: reads only `NEED_FIELDS`;
    anything else (age, gender, names, …) is ignored, never rejected."""
    return MenteeNeed(
        id=str(record["id"]),
        languages=_languages(record.get("languages")),
        region=str(record["region"]) if record.get("region") else None,
        wants_remote=bool(record.get("wants_remote")),
        interests=_uris(record.get("interests")),
        skills_to_learn=_uris(record.get("skills_to_learn")),
        preferred_languages=tuple(
            dict.fromkeys(str(code) for code in record.get("preferred_languages") or ())
        ),
    )


def mentor_from_record(record: Mapping[str, Any]) -> MentorCandidate:
    """The one adapter from a record (dict) to a `MentorCandidate`: reads only `MENTOR_FIELDS`."""
    return MentorCandidate(
        id=str(record["id"]),
        languages=_languages(record.get("languages")),
        regions=_uris(record.get("regions")),
        remote_ok=bool(record.get("remote_ok")),
        interests=_uris(record.get("interests")),
        skills=_uris(record.get("skills")),
        capacity_left=max(0, int(record.get("capacity_left") or 0)),
        roles=_uris(record.get("roles")),
    )


# --- rules --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentorRules:
    version: str
    points: Mapping[str, float]
    roles: frozenset[str]
    own_mentor_min: int
    wanted_mentor_min: int
    shared_min: int
    max_count: Mapping[str, int]
    texts: Mapping[str, str] = field(default_factory=dict)

    @property
    def max_score(self) -> float:
        p, m = self.points, self.max_count
        return (
            max(p[LANGUAGE_OWN], p[LANGUAGE_WANTED], p[LANGUAGE_SHARED])
            + max(p[PLACE_SAME], p[PLACE_REMOTE])
            + sum(p[r] * m[r] for r in (INTEREST_SHARED, SKILL_TEACH, CAPACITY_LEFT))
        )


def _level(value: Any, rule_id: str) -> int:
    rank = level_rank(str(value))
    if not rank:
        raise RulesError(f"{rule_id}: unknown language level {value!r}")
    return rank


def parse_mentor_rules(data: Mapping[str, Any]) -> MentorRules:
    try:
        version = str(data["version"])
        items = {str(item["id"]): item for item in data["rules"]}
        missing = [rule_id for rule_id in MENTOR_RULE_IDS if rule_id not in items]
        if missing:
            raise RulesError(f"mentor rules {version} lack {', '.join(missing)}")
        points = {rid: float(items[rid]["value"]) for rid in MENTOR_RULE_IDS if rid not in FILTERS}
        for rule_id, value in points.items():
            if value < 0 or (value * _DYADIC) != int(value * _DYADIC):
                raise RulesError(f"{rule_id}: points must be ≥ 0 and multiples of 1/{_DYADIC}")
        params = {rid: dict(items[rid].get("params") or {}) for rid in MENTOR_RULE_IDS}
        return MentorRules(
            version=version,
            points=points,
            roles=frozenset(str(r) for r in params[FILTER_ROLE]["roles"]),
            own_mentor_min=_level(params[LANGUAGE_OWN]["mentor_min_level"], LANGUAGE_OWN),
            wanted_mentor_min=_level(params[LANGUAGE_WANTED]["mentor_min_level"], LANGUAGE_WANTED),
            shared_min=_level(params[LANGUAGE_SHARED]["min_level"], LANGUAGE_SHARED),
            max_count={
                rid: int(params[rid]["max_count"])
                for rid in (INTEREST_SHARED, SKILL_TEACH, CAPACITY_LEFT)
            },
            texts={rid: str(items[rid].get("text", "")) for rid in MENTOR_RULE_IDS},
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RulesError):
            raise
        raise RulesError(f"malformed mentor rules: {exc}") from exc


@cache
def load_mentor_rules(version: str = MENTOR_VERSION) -> MentorRules:
    """Rules by version id (a file in `rules/`) or by path to a JSON file."""
    path = Path(version) if version.endswith(".json") else RULES_DIR / f"{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RulesError(f"cannot read mentor rules {version}: {exc}") from exc
    return parse_mentor_rules(data)


# --- one pair -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One part of a score: the rule, its points and what earned them (language codes, the
    place code, concept URIs, or the number of free places)."""

    rule_id: str
    points: float
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scored:
    need_id: str
    mentor_id: str
    score: float
    """0.0 when a filter failed."""
    reasons: tuple[Reason, ...]
    failed: tuple[str, ...]
    """Filter ids that failed (empty when the mentor is eligible)."""
    version: str

    @property
    def eligible(self) -> bool:
        return not self.failed and self.score > 0


def _ranks(languages: Mapping[str, str]) -> dict[str, int]:
    return {code: level_rank(level) for code, level in languages.items()}


def _language_reason(
    need: MenteeNeed, mentor: MentorCandidate, rules: MentorRules
) -> Reason | None:
    mine, theirs = _ranks(need.languages), _ranks(mentor.languages)
    own = sorted(
        c for c, r in mine.items() if r >= NATIVE and theirs.get(c, 0) >= rules.own_mentor_min
    )
    if own:
        return Reason(LANGUAGE_OWN, rules.points[LANGUAGE_OWN], tuple(own))
    wanted = [c for c in need.preferred_languages if theirs.get(c, 0) >= rules.wanted_mentor_min]
    if wanted:
        return Reason(LANGUAGE_WANTED, rules.points[LANGUAGE_WANTED], tuple(wanted))
    known = {c for c, r in mine.items() if r >= rules.shared_min} | set(need.preferred_languages)
    shared = sorted(c for c in known if theirs.get(c, 0) >= rules.shared_min)
    if shared:
        return Reason(LANGUAGE_SHARED, rules.points[LANGUAGE_SHARED], tuple(shared))
    return None


def score(need: MenteeNeed, mentor: MentorCandidate, rules: MentorRules | None = None) -> Scored:
    """The mentor's score for the participant with every reason; failed filters give 0."""
    rules = rules or load_mentor_rules()
    points = rules.points
    reasons: list[Reason] = []
    failed: list[str] = []
    if not mentor.roles & rules.roles:
        failed.append(FILTER_ROLE)
    if mentor.capacity_left < 1:
        failed.append(FILTER_CAPACITY)
    language = _language_reason(need, mentor, rules)
    if language is None:
        failed.append(FILTER_LANGUAGE)
    else:
        reasons.append(language)
    if need.region is not None and need.region in mentor.regions:
        reasons.append(Reason(PLACE_SAME, points[PLACE_SAME], (need.region,)))
    elif need.wants_remote and mentor.remote_ok:
        reasons.append(Reason(PLACE_REMOTE, points[PLACE_REMOTE]))
    else:
        failed.append(FILTER_PLACE)
    for rule_id, shared in (
        (INTEREST_SHARED, need.interests & mentor.interests),
        (SKILL_TEACH, need.skills_to_learn & mentor.skills),
    ):
        if shared:
            count = min(len(shared), rules.max_count[rule_id])
            reasons.append(Reason(rule_id, points[rule_id] * count, tuple(sorted(shared))))
    if mentor.capacity_left > 0:
        count = min(mentor.capacity_left, rules.max_count[CAPACITY_LEFT])
        reasons.append(
            Reason(CAPACITY_LEFT, points[CAPACITY_LEFT] * count, (str(mentor.capacity_left),))
        )
    total = 0.0
    if not failed:
        for reason in reasons:
            total += reason.points
    return Scored(need.id, mentor.id, total, tuple(reasons), tuple(failed), rules.version)


def rank(
    need: MenteeNeed,
    mentors: Iterable[MentorCandidate],
    limit: int | None = 10,
    rules: MentorRules | None = None,
) -> list[Scored]:
    """Eligible mentors, best first (ties: lower id first), at most `limit` (None: all)."""
    rules = rules or load_mentor_rules()
    scored = [s for s in (score(need, m, rules) for m in mentors) if s.eligible]
    scored.sort(key=lambda s: (-s.score, s.mentor_id))
    return scored if limit is None else scored[: max(0, limit)]


# --- many pairs ---------------------------------------------------------------------------


def _by_id(items: Iterable[Any], kind: str) -> list[Any]:
    ordered = sorted(items, key=lambda item: item.id)
    ids = [item.id for item in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate {kind} ids")
    return ordered


def _index(values: Iterable[str]) -> dict[str, int]:
    return {value: n for n, value in enumerate(sorted(set(values)))}


def _incidence(
    rows: Sequence[Iterable[str]], vocabulary: Mapping[str, int]
) -> npt.NDArray[np.float64]:
    import numpy as np

    matrix = np.zeros((len(rows), max(1, len(vocabulary))), dtype=np.float64)
    for n, values in enumerate(rows):
        cols = [vocabulary[v] for v in values if v in vocabulary]
        matrix[n, cols] = 1.0
    return matrix


def score_matrix(
    needs: Sequence[MenteeNeed],
    mentors: Sequence[MentorCandidate],
    rules: MentorRules | None = None,
) -> npt.NDArray[np.float64]:
    """`score(needs[i], mentors[j]).score` for every pair at once (bit-identical), as a
    len(needs) × len(mentors) array; 0.0 where a filter fails."""
    import numpy as np

    rules = rules or load_mentor_rules()
    p = rules.points
    n, m = len(needs), len(mentors)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float64)
    # languages: one column per language code
    codes = _index(
        [c for x in needs for c in (*x.languages, *x.preferred_languages)]
        + [c for y in mentors for c in y.languages]
    )
    need_rank = np.zeros((n, max(1, len(codes))), dtype=np.int16)
    preferred = np.zeros_like(need_rank, dtype=bool)
    for i, need in enumerate(needs):
        for code, level in need.languages.items():
            need_rank[i, codes[code]] = level_rank(level)
        for code in need.preferred_languages:
            preferred[i, codes[code]] = True
    mentor_rank = np.zeros((m, need_rank.shape[1]), dtype=np.int16)
    for j, mentor in enumerate(mentors):
        for code, level in mentor.languages.items():
            mentor_rank[j, codes[code]] = level_rank(level)

    def any_pair(left: npt.NDArray[np.bool_], right: npt.NDArray[np.bool_]) -> Any:
        return (left.astype(np.float64) @ right.astype(np.float64).T) > 0

    own = any_pair(need_rank >= NATIVE, mentor_rank >= rules.own_mentor_min)
    wanted = any_pair(preferred, mentor_rank >= rules.wanted_mentor_min)
    shared = any_pair((need_rank >= rules.shared_min) | preferred, mentor_rank >= rules.shared_min)
    language = np.where(
        own,
        p[LANGUAGE_OWN],
        np.where(wanted, p[LANGUAGE_WANTED], np.where(shared, p[LANGUAGE_SHARED], 0.0)),
    )
    ok = own | wanted | shared
    # place
    places = _index([y for x in mentors for y in x.regions])
    need_place = _incidence([[x.region] if x.region is not None else [] for x in needs], places)
    same = (need_place @ _incidence([x.regions for x in mentors], places).T) > 0
    remote = np.outer(
        np.array([x.wants_remote for x in needs]), np.array([y.remote_ok for y in mentors])
    )
    place = np.where(same, p[PLACE_SAME], np.where(remote, p[PLACE_REMOTE], 0.0))
    ok &= same | remote
    # interests and skills to learn: counts of shared URIs, capped
    total = language + place
    for rule_id, left, right in (
        (INTEREST_SHARED, [x.interests for x in needs], [y.interests for y in mentors]),
        (SKILL_TEACH, [x.skills_to_learn for x in needs], [y.skills for y in mentors]),
    ):
        vocabulary = _index(u for values in left for u in values)
        counts = _incidence(left, vocabulary) @ _incidence(right, vocabulary).T
        total = total + p[rule_id] * np.minimum(counts, rules.max_count[rule_id])
    # the mentor's side: roles and free places
    capacity = np.array([max(0, y.capacity_left) for y in mentors], dtype=np.float64)
    mentor_ok = np.array([bool(y.roles & rules.roles) for y in mentors]) & (capacity >= 1)
    total = total + p[CAPACITY_LEFT] * np.minimum(capacity, rules.max_count[CAPACITY_LEFT])
    ok &= mentor_ok[np.newaxis, :]
    result: npt.NDArray[np.float64] = np.where(ok, total, 0.0)
    return result


@dataclass(frozen=True, slots=True)
class Pair:
    need_id: str
    mentor_id: str
    score: float


@dataclass(frozen=True, slots=True)
class Assignment:
    pairs: tuple[Pair, ...]
    """Sorted by participant id."""
    unassigned: tuple[str, ...]
    """Participants left without a mentor (no eligible mentor, or no free place left)."""
    total: float
    method: str
    """"optimal" or "greedy"."""
    version: str

    def load(self) -> dict[str, int]:
        """Mentor id → the number of participants assigned to them."""
        result: dict[str, int] = {}
        for pair in self.pairs:
            result[pair.mentor_id] = result.get(pair.mentor_id, 0) + 1
        return result


def _assignment(
    needs: Sequence[MenteeNeed],
    mentors: Sequence[MentorCandidate],
    chosen: Iterable[tuple[int, int, float]],
    method: str,
    rules: MentorRules,
) -> Assignment:
    pairs = sorted(
        (Pair(needs[i].id, mentors[j].id, value) for i, j, value in chosen),
        key=lambda pair: pair.need_id,
    )
    taken = {pair.need_id for pair in pairs}
    total = 0.0
    for pair in pairs:
        total += pair.score
    return Assignment(
        pairs=tuple(pairs),
        unassigned=tuple(x.id for x in needs if x.id not in taken),
        total=total,
        method=method,
        version=rules.version,
    )


def _matrix(
    need_list: Sequence[MenteeNeed],
    mentor_list: Sequence[MentorCandidate],
    rules: MentorRules,
    exclude: Iterable[tuple[str, str]],
) -> npt.NDArray[np.float64]:
    matrix = score_matrix(need_list, mentor_list, rules)
    rows = {x.id: i for i, x in enumerate(need_list)}
    cols = {y.id: j for j, y in enumerate(mentor_list)}
    for need_id, mentor_id in exclude:
        if need_id in rows and mentor_id in cols:
            matrix[rows[need_id], cols[mentor_id]] = 0.0
    return matrix


SCARCITY_BONUS = 1e-9
"""What `assign` adds to a pair whose participant has one eligible mentor (half of it with
two, …) to choose among assignments of the same total score; never reported."""


def assign(
    needs: Iterable[MenteeNeed],
    mentors: Iterable[MentorCandidate],
    rules: MentorRules | None = None,
    *,
    exclude: Iterable[tuple[str, str]] = (),
) -> Assignment:
    """The assignment with the highest total score under the mentors' free places; among
    those of the same total, the one that gives a mentor to people with fewer eligible
    mentors (`SCARCITY_BONUS`). `exclude`: (participant id, mentor id) pairs that may not be
    chosen (e.g. already paired)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rules = rules or load_mentor_rules()
    need_list, mentor_list = _by_id(needs, "participant"), _by_id(mentors, "mentor")
    matrix = _matrix(need_list, mentor_list, rules, exclude)
    if not matrix.size:
        return _assignment(need_list, mentor_list, (), "optimal", rules)
    positive = matrix > 0
    rows = np.flatnonzero(positive.any(axis=1))
    places = np.minimum(
        np.array([x.capacity_left for x in mentor_list], dtype=np.int64), positive.sum(axis=0)
    )
    columns = np.repeat(np.arange(len(mentor_list)), np.maximum(places, 0))
    if not len(rows) or not len(columns):
        return _assignment(need_list, mentor_list, (), "optimal", rules)
    reduced = matrix[np.ix_(rows, columns)]
    # Among assignments of the same total, the one that pairs people with fewer eligible
    # mentors first: a bonus far below any difference of scores, larger for scarcer people
    # (without it the solver's choice among equals followed the order of the ids).
    choices = positive[rows].sum(axis=1)
    preferred = reduced + np.where(reduced > 0, SCARCITY_BONUS / choices[:, None], 0.0)
    picked_rows, picked_cols = linear_sum_assignment(preferred, maximize=True)
    chosen = [
        (int(rows[r]), int(columns[c]), float(reduced[r, c]))
        for r, c in zip(picked_rows, picked_cols, strict=True)
        if reduced[r, c] > 0
    ]
    return _assignment(need_list, mentor_list, chosen, "optimal", rules)


def greedy_assign(
    needs: Iterable[MenteeNeed],
    mentors: Iterable[MentorCandidate],
    rules: MentorRules | None = None,
    *,
    exclude: Iterable[tuple[str, str]] = (),
) -> Assignment:
    """Baseline: pairs by score, highest first (ties: lower participant id, then lower mentor
    id), each taken when the participant is still free and the mentor has a place."""
    import numpy as np

    rules = rules or load_mentor_rules()
    need_list, mentor_list = _by_id(needs, "participant"), _by_id(mentors, "mentor")
    matrix = _matrix(need_list, mentor_list, rules, exclude)
    rows, cols = np.nonzero(matrix > 0)
    values = matrix[rows, cols]
    order = np.lexsort((cols, rows, -values))
    free = [x.capacity_left for x in mentor_list]
    taken = [False] * len(need_list)
    chosen: list[tuple[int, int, float]] = []
    left = sum(max(0, f) for f in free)
    for k in order.tolist():
        if left <= 0:
            break
        i, j = int(rows[k]), int(cols[k])
        if taken[i] or free[j] <= 0:
            continue
        taken[i] = True
        free[j] -= 1
        left -= 1
        chosen.append((i, j, float(values[k])))
    return _assignment(need_list, mentor_list, chosen, "greedy", rules)
