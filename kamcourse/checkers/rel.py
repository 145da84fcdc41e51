"""Checkers for the relationship-stage exercises (``exercises/05_relationship_stages.ipynb``).

Each checker reads its case material from ``content/case/relationships.yaml`` through
:mod:`kamcourse.relationships`, so that the feedback quotes the evidence: a wrong stage is
answered with the trait that rules it out, a quick-check answer with the evidence for that
statement, a contact structure with the links the case describes, a portfolio decision with
the category's fit range and reasoning. After :data:`REVEAL_AFTER` wrong tries the right
answer is given as well.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import relationships as rel
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError

__all__ = ["diagnose", "quick_check", "contacts", "portfolio", "decision", "DECISIONS", "REVEAL_AFTER",
           "portfolio_key", "quick_check_key"]

#: From this many earlier wrong tries on, feedback also gives the right answer.
REVEAL_AFTER = 2

#: The three decisions of the portfolio exercise, as stored in answers.
DECISIONS = ("invest more", "hold", "invest less")
_DECISION_FOR_VERDICT = {"under-investing": "invest more", "within fit": "hold", "over-investing": "invest less"}


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _status(right: int, total: int, answered: int) -> str:
    if right == total:
        return "correct"
    return "partial" if right else ("incorrect" if answered else "not_answered")


# --------------------------------------------------------------------- diagnose


def diagnose_cases(exercise: Exercise) -> tuple[rel.Case, ...]:
    """The cases of a diagnosis exercise, in the order of its key."""
    return tuple(rel.case(c) for c in exercise.key["cases"])


def _find_case(key: Any, cases: tuple[rel.Case, ...]) -> rel.Case:
    for item in cases:
        if _norm(key) in (_norm(item.id), _norm(item.customer)):
            return item
    raise InputError(t("rel.unknown_case", value=repr(key), allowed=", ".join(c.id for c in cases)))


def diagnose(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A stage for each case. Answer: case id (or customer name) -> stage (id or name).

    A wrong stage is explained by the case's ``ruled_out`` text for that stage (the trait
    that decides); after :data:`REVEAL_AFTER` tries the right stage is named too.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("rel.diagnose_not_mapping", value=type(answer).__name__))
    cases = diagnose_cases(exercise)
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        item = _find_case(key, cases)
        if is_unanswered(value):
            continue
        chosen[item.id] = rel.stage(value, item=item.customer).id
    reveal = attempts + 1 >= REVEAL_AFTER
    details: list[str] = []
    right = 0
    for item in cases:
        guess = chosen.get(item.id)
        if guess is None:
            details.append(t("rel.diagnose_missing", customer=item.customer))
            continue
        if guess == item.stage:
            right += 1
            continue
        text = t("rel.diagnose_wrong", customer=item.customer, stage=rel.stage(guess).name,
                 why=item.why_not(guess))
        if reveal:
            text += " " + t("rel.diagnose_reveal", stage=rel.stage(item.stage).name)
        details.append(text)
    total = len(cases)
    status = _status(right, total, len(chosen))
    if status == "correct":
        return Verdict("correct", t("rel.diagnose_all_right", total=total), score=1.0)
    message = t("rel.diagnose_none") if not chosen else t("rel.diagnose_some_right", right=right, total=total)
    return Verdict(status, message, tuple(details), right / total)


# ------------------------------------------------------------------ quick check


def quick_check_key(exercise: Exercise) -> dict[str, dict[str, Any]]:
    """Expected range and evidence per statement id: ``{id: {min, max, why}}``."""
    return {sid: {"min": int(v["min"]), "max": int(v["max"]), "why": " ".join(str(v["why"]).split())}
            for sid, v in exercise.key["statements"].items()}


def _answer_points(answer: Any) -> dict[str, int | None]:
    """Points per statement id (None where unanswered) from a mapping or a list of six."""
    ids = [s.id for s in rel.STATEMENTS]
    if isinstance(answer, Mapping):
        points: dict[str, int | None] = {sid: None for sid in ids}
        for key, value in answer.items():
            statement = rel._statement(key)  # noqa: SLF001 - the core's own lookup, same message
            points[statement.id] = None if is_unanswered(value) else rel.parse_answer(value, statement)
        return points
    if isinstance(answer, (list, tuple)):
        if len(answer) != len(ids):
            raise InputError(t("relationships.err_answer_count", got=len(answer), count=len(ids), value=repr(list(answer))))
        return {sid: None if is_unanswered(v) else rel.parse_answer(v, sid) for sid, v in zip(ids, answer)}
    raise InputError(t("relationships.err_answers_type", value=repr(answer), count=len(ids)))


def _labels(low: int, high: int) -> str:
    labels = rel.scale_labels()
    return labels[low] if low == high else t("rel.or", a=labels[low], b=labels[high]) if high == low + 1 else \
        t("rel.from_to", a=labels[low], b=labels[high])


def quick_check(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """The six statements answered for one case, compared with the evidence.

    Each answer outside the range the evidence supports is explained (too high or too low,
    with the evidence for that statement); from :data:`REVEAL_AFTER` tries on the range is
    named. The message gives the total and the stage by the illustrative bands, and whether
    it matches the case's stage.
    """
    points = _answer_points(answer)
    expected = quick_check_key(exercise)
    item = rel.case(exercise.key["case"])
    reveal = attempts + 1 >= REVEAL_AFTER
    labels = rel.scale_labels()
    details: list[str] = []
    right = 0
    for statement in rel.STATEMENTS:
        value, want = points[statement.id], expected[statement.id]
        if value is None:
            details.append(t("rel.qc_missing", statement=statement.short))
            continue
        if want["min"] <= value <= want["max"]:
            right += 1
            continue
        key = "rel.qc_too_high" if value > want["max"] else "rel.qc_too_low"
        text = t(key, statement=statement.short, answer=labels[value], why=want["why"])
        if reveal:
            text += " " + t("rel.qc_reveal", expected=_labels(want["min"], want["max"]))
        details.append(text)
    answered = sum(v is not None for v in points.values())
    total_count = len(rel.STATEMENTS)
    if answered == total_count:
        check = rel.quick_check([points[s.id] for s in rel.STATEMENTS])
        stage_name, case_stage = rel.stage(check.stage).name, rel.stage(item.stage).name
        summary = t("rel.qc_total", total=check.total, max=rel.MAX_TOTAL, stage=stage_name)
        summary += " " + (t("rel.qc_stage_matches", stage=case_stage) if check.stage == item.stage
                          else t("rel.qc_stage_differs", stage=case_stage, customer=item.customer))
    else:
        summary = t("rel.qc_incomplete", answered=answered, count=total_count)
    status = _status(right, total_count, answered)
    if status == "correct":
        return Verdict("correct", t("rel.qc_all_right", summary=summary), score=1.0)
    return Verdict(status, t("rel.qc_some_right", right=right, count=total_count, summary=summary),
                   tuple(details), right / total_count)


# --------------------------------------------------------------------- contacts


def _contact_list(answer: Any) -> tuple[rel.Contact, ...]:
    if isinstance(answer, str):
        return rel.parse_contact_lines(answer)
    if isinstance(answer, (list, tuple)):
        return rel.contacts(answer)
    raise InputError(t("rel.contacts_type", value=type(answer).__name__))


def _matches(contact: rel.Contact, link: Mapping[str, Any]) -> bool:
    supplier, customer = contact.supplier.casefold(), contact.customer.casefold()
    return any(k in supplier for k in link["supplier"]) and any(k in customer for k in link["customer"])


def contacts(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A contact list (text, one "Supplier function - Customer function" per line, or pairs).

    The structure (bow-tie, diamond, mixed) is compared with the one the case's stage calls
    for (``key.structure``); links the case describes but the list lacks are named, and so is
    a missing coordination link between the key account manager and the buyer.
    """
    structure = rel.contact_structure(_contact_list(answer))
    item = rel.case(exercise.key["case"])
    want = str(exercise.key["structure"])
    stage_name = rel.stage(item.stage).name
    kind = t(f"relationships.structure_kind_{structure.kind}")
    details: list[str] = [t("rel.contacts_counts", links=len(structure.contacts),
                            suppliers=len(structure.supplier_functions),
                            customers=len(structure.customer_functions), parallel=structure.parallel_links)]
    missing = [str(link["text"]) for link in exercise.key.get("links", [])
               if not any(_matches(c, link) for c in structure.contacts)]
    coordination = exercise.key.get("coordination")
    has_coordination = coordination is None or any(_matches(c, coordination) for c in structure.contacts)
    for text in missing:
        details.append(t("rel.contacts_missing_link", text=text))
    if not has_coordination:
        details.append(t("rel.contacts_missing_coordination", text=coordination["text"]))
    if structure.kind == want:
        if has_coordination:
            return Verdict("correct", t("rel.contacts_right", kind=kind, stage=stage_name,
                                        customer=item.customer), tuple(details), 1.0)
        return Verdict("partial", t("rel.contacts_right_kind_no_coordination", kind=kind), tuple(details), 0.5)
    reason = t(f"rel.contacts_is_{structure.kind.replace('-', '_')}")
    message = t("rel.contacts_wrong", kind=kind, want=t(f"relationships.structure_kind_{want}"),
                stage=stage_name, customer=item.customer, reason=reason)
    if attempts + 1 >= REVEAL_AFTER:
        details.append(t("rel.contacts_reveal", text="; ".join(
            [str(link["text"]) for link in exercise.key.get("links", [])]
            + ([str(coordination["text"])] if coordination else []))))
    return Verdict("incorrect", message, tuple(details), 0.0)


# -------------------------------------------------------------------- portfolio


def decision(value: Any, account: str = "?") -> str:
    """Read one decision: ``"invest more"``/``"more"``, ``"hold"``, ``"invest less"``/``"less"``."""
    text = _norm(value) if isinstance(value, str) else None
    aliases = {"invest more": "invest more", "more": "invest more", "hold": "hold", "keep": "hold",
               "invest less": "invest less", "less": "invest less"}
    if text not in aliases:
        raise InputError(t("rel.unknown_decision", account=account, value=repr(value), allowed=", ".join(DECISIONS)))
    return aliases[text]


def portfolio_key() -> Any:
    """The case portfolio with its fit and the expected decision per account (a DataFrame)."""
    frame = rel.portfolio_fit(rel.case_portfolio())
    frame["decision"] = frame["verdict"].map(_DECISION_FOR_VERDICT)
    return frame


def portfolio(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A decision per account of the case portfolio. Answer: account -> invest more/hold/invest less.

    Every wrong decision is explained with the account's category, its fit range, its
    current stage and the category's reasoning; selective "hold" cases say to check that
    the relationship pays.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("rel.portfolio_not_mapping", value=type(answer).__name__))
    key = portfolio_key()
    by_name = {_norm(a): a for a in key["account"]}
    chosen: dict[str, str] = {}
    for account, value in answer.items():
        name = by_name.get(_norm(account))
        if name is None:
            raise InputError(t("rel.unknown_account", value=repr(account), allowed=", ".join(key["account"])))
        if not is_unanswered(value):
            chosen[name] = decision(value, name)
    table = rel.fit_table()
    reveal = attempts + 1 >= REVEAL_AFTER
    details: list[str] = []
    right = 0
    for row in key.itertuples(index=False):
        guess = chosen.get(row.account)
        if guess is None:
            details.append(t("rel.portfolio_missing", account=row.account))
            continue
        if guess == row.decision:
            right += 1
            if row.selective:
                details.append(t("rel.portfolio_selective_note", text=row.verdict_text))
            continue
        why = "rel.portfolio_why_{}_{}".format(guess.replace(" ", "_"), row.decision.replace(" ", "_"))
        text = t("rel.portfolio_wrong", account=row.account, chosen=guess, verdict=row.verdict_text,
                 why=t(why), reasoning=table[row.category].reasoning)
        if reveal:
            text += " " + t("rel.portfolio_reveal", decision=row.decision)
        details.append(text)
    total = len(key)
    status = _status(right, total, len(chosen))
    if status == "correct":
        return Verdict("correct", t("rel.portfolio_all_right", total=total), tuple(details), 1.0)
    message = t("rel.portfolio_none") if not chosen else t("rel.portfolio_some_right", right=right, total=total)
    return Verdict(status, message, tuple(details), right / total)
