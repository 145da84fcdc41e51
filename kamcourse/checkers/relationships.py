"""Checkers for the relationship-stage exercises of exercises/05_relationship_stages.ipynb.

Taught in notebooks/05_relationship_stages.ipynb.

Each checker reads its case material from ``content/case/relationships.yaml`` through
:mod:`kamcourse.relationships`, so that the feedback quotes the evidence: a wrong stage is
answered with the trait that rules it out, a quick-check answer with the evidence for that
statement, a contact structure with the links the case describes, a portfolio decision with
the category's fit range and reasoning. After :data:`~kamcourse.inputs.REVEAL_AFTER` wrong tries
the right answer is given as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import relationships as rel
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError
from ..inputs import norm, reveal_answer

__all__ = [
    "diagnose",
    "quick_check",
    "contacts",
    "portfolio",
    "decision",
    "diagnose_cases",
    "find_case",
    "portfolio_key",
    "quick_check_key",
]


def _status(right: int, total: int, answered: int) -> str:
    if right == total:
        return "correct"
    return "partial" if right else ("incorrect" if answered else "not_answered")


# --------------------------------------------------------------------- diagnose


def diagnose_cases(exercise: Exercise) -> tuple[rel.Case, ...]:
    """The cases of a diagnosis exercise, in the order of its key."""
    return tuple(rel.case(c) for c in exercise.key["cases"])


def find_case(key: Any, cases: tuple[rel.Case, ...]) -> rel.Case:
    """The case of ``cases`` named by ``key``: its id or its customer's name (case and spacing ignored).

    Raises :class:`InputError` naming the value and the case ids.
    """
    for item in cases:
        if norm(key) in (norm(item.id), norm(item.customer)):
            return item
    raise InputError(t("relationships.unknown_case", value=repr(key), allowed=", ".join(c.id for c in cases)))


def diagnose(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A stage for each case. Answer: case id (or customer name) -> stage (id or name).

    A wrong stage is explained by the case's ``ruled_out`` text for that stage (the trait
    that decides); after :data:`~kamcourse.inputs.REVEAL_AFTER` tries the right stage is named too.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("relationships.diagnose_not_mapping", value=type(answer).__name__))
    cases = diagnose_cases(exercise)
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        item = find_case(key, cases)
        if is_unanswered(value):
            continue
        chosen[item.id] = rel.stage(value, item=item.customer).id
    reveal = reveal_answer(attempts)
    details: list[str] = []
    right = 0
    for item in cases:
        guess = chosen.get(item.id)
        if guess is None:
            details.append(t("relationships.diagnose_missing", customer=item.customer))
            continue
        if guess == item.stage:
            right += 1
            continue
        text = t(
            "relationships.diagnose_wrong", customer=item.customer, stage=rel.stage(guess).name, why=item.why_not(guess)
        )
        if reveal:
            text += " " + t("relationships.diagnose_reveal", stage=rel.stage(item.stage).name)
        details.append(text)
    total = len(cases)
    status = _status(right, total, len(chosen))
    if status == "correct":
        return Verdict("correct", t("relationships.diagnose_all_right", total=total), score=1.0)
    message = (
        t("relationships.diagnose_none")
        if not chosen
        else t("relationships.diagnose_some_right", right=right, total=total)
    )
    return Verdict(status, message, tuple(details), right / total)


# ------------------------------------------------------------------ quick check


def quick_check_key(exercise: Exercise) -> dict[str, dict[str, Any]]:
    """Expected range and evidence per statement id: ``{id: {min, max, why}}``."""
    return {
        sid: {"min": int(v["min"]), "max": int(v["max"]), "why": " ".join(str(v["why"]).split())}
        for sid, v in exercise.key["statements"].items()
    }


def _answer_points(answer: Any) -> dict[str, int | None]:
    """Points per statement id (None where unanswered) from a mapping or a list of six."""
    ids = [s.id for s in rel.STATEMENTS]
    if isinstance(answer, Mapping):
        points: dict[str, int | None] = {sid: None for sid in ids}
        for key, value in answer.items():
            statement = rel.statement(key)
            points[statement.id] = None if is_unanswered(value) else rel.parse_answer(value, statement)
        return points
    if isinstance(answer, (list, tuple)):
        if len(answer) != len(ids):
            raise InputError(
                t("relationships.err_answer_count", got=len(answer), count=len(ids), value=repr(list(answer)))
            )
        return {sid: None if is_unanswered(v) else rel.parse_answer(v, sid) for sid, v in zip(ids, answer, strict=True)}
    raise InputError(t("relationships.err_answers_type", value=repr(answer), count=len(ids)))


def _labels(low: int, high: int) -> str:
    labels = rel.scale_labels()
    if low == high:
        return labels[low]
    return t("relationships.or" if high == low + 1 else "relationships.from_to", a=labels[low], b=labels[high])


def quick_check(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """The six statements answered for one case, compared with the evidence.

    Each answer outside the range the evidence supports is explained (too high or too low,
    with the evidence for that statement); from :data:`~kamcourse.inputs.REVEAL_AFTER` tries on the range is
    named. The message gives the total and the stage by the illustrative bands, and whether
    it matches the case's stage.
    """
    points = _answer_points(answer)
    expected = quick_check_key(exercise)
    item = rel.case(exercise.key["case"])
    reveal = reveal_answer(attempts)
    labels = rel.scale_labels()
    details: list[str] = []
    right = 0
    for statement in rel.STATEMENTS:
        value, want = points[statement.id], expected[statement.id]
        if value is None:
            details.append(t("relationships.qc_missing", statement=statement.short))
            continue
        if want["min"] <= value <= want["max"]:
            right += 1
            continue
        key = "relationships.qc_too_high" if value > want["max"] else "relationships.qc_too_low"
        text = t(key, statement=statement.short, answer=labels[value], why=want["why"])
        if reveal:
            text += " " + t("relationships.qc_reveal", expected=_labels(want["min"], want["max"]))
        details.append(text)
    answered = sum(v is not None for v in points.values())
    total_count = len(rel.STATEMENTS)
    if answered == total_count:
        check = rel.quick_check([points[s.id] for s in rel.STATEMENTS])
        stage_name, case_stage = rel.stage(check.stage).name, rel.stage(item.stage).name
        summary = t("relationships.qc_total", total=check.total, max=rel.MAX_TOTAL, stage=stage_name)
        if check.stage == item.stage:
            summary += " " + t("relationships.qc_stage_matches", stage=case_stage)
        elif right == total_count:
            summary += " " + t(
                "relationships.qc_stage_differs_fits",
                stage=case_stage,
                customer=item.customer,
                weak=", ".join(f"'{s.short}'" for s in check.weak) or "-",
            )
        else:
            summary += " " + t("relationships.qc_stage_differs", stage=case_stage, customer=item.customer)
    else:
        summary = t("relationships.qc_incomplete", answered=answered, count=total_count)
    status = _status(right, total_count, answered)
    if status == "correct":
        return Verdict("correct", t("relationships.qc_all_right", summary=summary), score=1.0)
    return Verdict(
        status,
        t("relationships.qc_some_right", right=right, count=total_count, summary=summary),
        tuple(details),
        right / total_count,
    )


# --------------------------------------------------------------------- contacts


def _contact_list(answer: Any) -> tuple[rel.Contact, ...]:
    if isinstance(answer, str):
        return rel.parse_contact_lines(answer)
    if isinstance(answer, (list, tuple)):
        return rel.contacts(answer)
    raise InputError(t("relationships.contacts_type", value=type(answer).__name__))


def _matches(contact: rel.Contact, link: Mapping[str, Any]) -> bool:
    supplier, customer = norm(contact.supplier), norm(contact.customer)
    return any(norm(k) in supplier for k in link["supplier"]) and any(norm(k) in customer for k in link["customer"])


def contacts(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A contact list (text, one "Supplier function - Customer function" per line, or pairs).

    The structure (bow-tie, diamond, mixed) is compared with the one the case's stage calls
    for (``key.structure``). It is right only when every link the case describes is there
    (``key.links``, recognised by function or by the person's name), the coordination
    between the key account manager and the customer's buyer too, and no contact is made
    up: a contact the case does not describe is named.
    """
    structure = rel.contact_structure(_contact_list(answer))
    item = rel.case(exercise.key["case"])
    want = str(exercise.key["structure"])
    stage_name = rel.stage(item.stage).name
    kind = t(f"relationships.structure_kind_{structure.kind}")
    details: list[str] = [
        t(
            "relationships.contacts_counts",
            links=len(structure.contacts),
            suppliers=len(structure.supplier_functions),
            customers=len(structure.customer_functions),
            parallel=structure.parallel_links,
        )
    ]
    links = list(exercise.key.get("links", []))
    coordination = exercise.key.get("coordination")
    known = links + ([coordination] if coordination else []) + list(exercise.key.get("other_links", []))
    missing = [str(link["text"]) for link in links if not any(_matches(c, link) for c in structure.contacts)]
    has_coordination = coordination is None or any(_matches(c, coordination) for c in structure.contacts)
    made_up = [c for c in structure.contacts if not any(_matches(c, link) for link in known)]
    for text in missing:
        details.append(t("relationships.contacts_missing_link", text=text))
    if not has_coordination and coordination is not None:
        details.append(t("relationships.contacts_missing_coordination", text=coordination["text"]))
    for contact in made_up:
        details.append(
            t(
                "relationships.contacts_not_in_case",
                supplier=contact.supplier,
                customer=contact.customer,
                customer_name=item.customer,
            )
        )
    if structure.kind == want:
        if has_coordination and not missing and not made_up:
            return Verdict(
                "correct",
                t("relationships.contacts_right", kind=kind, stage=stage_name, customer=item.customer),
                tuple(details),
                1.0,
            )
        if reveal_answer(attempts):
            details.append(_contacts_reveal(exercise))
        key = (
            "relationships.contacts_right_kind_no_coordination"
            if not has_coordination
            else "relationships.contacts_right_kind_incomplete"
        )
        return Verdict("partial", t(key, kind=kind), tuple(details), 0.5)
    reason = t(f"relationships.contacts_is_{structure.kind.replace('-', '_')}")
    message = t(
        "relationships.contacts_wrong",
        kind=kind,
        want=t(f"relationships.structure_kind_{want}"),
        stage=stage_name,
        customer=item.customer,
        reason=reason,
    )
    if reveal_answer(attempts):
        details.append(_contacts_reveal(exercise))
    return Verdict("incorrect", message, tuple(details), 0.0)


def _contacts_reveal(exercise: Exercise) -> str:
    coordination = exercise.key.get("coordination")
    return t(
        "relationships.contacts_reveal",
        text="; ".join(
            [str(link["text"]) for link in exercise.key.get("links", [])]
            + ([str(coordination["text"])] if coordination else [])
        ),
    )


# -------------------------------------------------------------------- portfolio


def decision(value: Any, account: str = "?") -> str:
    """Read one decision: ``"invest more"``/``"more"``, ``"hold"``, ``"invest less"``/``"less"``."""
    text = norm(value) if isinstance(value, str) else None
    aliases = {
        "invest more": "invest more",
        "more": "invest more",
        "hold": "hold",
        "keep": "hold",
        "invest less": "invest less",
        "less": "invest less",
    }
    if text not in aliases:
        raise InputError(
            t("relationships.unknown_decision", account=account, value=repr(value), allowed=", ".join(rel.DECISIONS))
        )
    return aliases[text]


def portfolio_key() -> Any:
    """The case portfolio with its fit, the case's decision and every defensible one (a DataFrame).

    Columns of :func:`kamcourse.relationships.portfolio_fit`, plus ``decision`` (the case's
    answer) and ``accepted`` (the case's answer first, then the other defensible ones,
    joined by ", ").
    """
    frame = rel.portfolio_fit(rel.case_portfolio())
    decisions = rel.case_decisions()
    frame["decision"] = [decisions[a].decision for a in frame["account"]]
    frame["accepted"] = [", ".join(decisions[a].accepted) for a in frame["account"]]
    return frame


def _why_wrong(guess: str, row: Any, case: rel.CaseDecision) -> str:
    """Why ``guess`` is not defensible for this account: the case's own reason, else the fit's."""
    if guess in case.why_not:
        return case.why_not[guess]
    if row.verdict != "within fit":
        return t("relationships.portfolio_why_{}_{}".format(guess.replace(" ", "_"), row.verdict.replace("-", "_")))
    allowed = rel.defensible_decisions(row.category, row.stage)
    if guess not in allowed:
        return t(
            "relationships.portfolio_why_{}_within".format(guess.replace(" ", "_")),
            low=rel.stage(row.fit_low).name,
            high=rel.stage(row.fit_high).name,
        )
    return t("relationships.portfolio_why_case")  # pragma: no cover - case_decisions() requires a why_not here


def portfolio(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A decision per account of the case portfolio. Answer: account -> invest more/hold/invest less.

    A decision is right when the case supports it: its own decision, or another one it
    calls defensible (the feedback gives the reason). Every other decision is explained
    with the account's category, fit range and stage and the reason it does not hold here;
    the case's decision is named only from :data:`~kamcourse.inputs.REVEAL_AFTER` tries on.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("relationships.portfolio_not_mapping", value=type(answer).__name__))
    key = portfolio_key()
    cases = rel.case_decisions()
    by_name = {norm(a): a for a in key["account"]}
    chosen: dict[str, str] = {}
    for account, value in answer.items():
        name = by_name.get(norm(account))
        if name is None:
            raise InputError(t("relationships.unknown_account", value=repr(account), allowed=", ".join(key["account"])))
        if not is_unanswered(value):
            chosen[name] = decision(value, name)
    table = rel.fit_table()
    reveal = reveal_answer(attempts)
    details: list[str] = []
    right = 0
    for row in key.itertuples(index=False):
        case = cases[row.account]
        guess = chosen.get(row.account)
        if guess is None:
            details.append(t("relationships.portfolio_missing", account=row.account))
            continue
        if guess in case.accepted:
            right += 1
            if guess != case.decision:
                details.append(
                    t(
                        "relationships.portfolio_defensible",
                        account=row.account,
                        chosen=guess,
                        why=case.also[guess],
                        decision=case.decision,
                    )
                )
            else:
                for other, why in case.also.items():
                    details.append(t("relationships.portfolio_also", account=row.account, other=other, why=why))
                if row.selective:
                    details.append(t("relationships.portfolio_selective_note", text=row.verdict_text))
            continue
        text = t(
            "relationships.portfolio_wrong",
            account=row.account,
            chosen=guess,
            verdict=row.verdict_text,
            why=_why_wrong(guess, row, case),
            reasoning=table[row.category].reasoning,
        )
        if reveal:
            text += " " + t("relationships.portfolio_reveal", decision=" / ".join(case.accepted))
        details.append(text)
    total = len(key)
    status = _status(right, total, len(chosen))
    if status == "correct":
        return Verdict("correct", t("relationships.portfolio_all_right", total=total), tuple(details), 1.0)
    message = (
        t("relationships.portfolio_none")
        if not chosen
        else t("relationships.portfolio_some_right", right=right, total=total)
    )
    return Verdict(status, message, tuple(details), right / total)
