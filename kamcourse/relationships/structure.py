"""Who talks to whom: contacts between two companies, read and classified as bow-tie, diamond or mixed.

Taught in notebooks/05_relationship_stages.ipynb.

A basic relationship runs through one knot (the key account manager and the buyer: a
**bow-tie**); an interdependent one through several functions talking to their own
counterparts in parallel (a **diamond**). :func:`parse_contact_lines` reads the contacts a
learner writes, one ``Supplier function - Customer function`` per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content import t
from ..errors import InputError
from ..inputs import norm
from ..values import short_repr
from .stages import data

__all__ = ["Contact", "contacts", "ContactStructure", "contact_structure", "coordinators", "parse_contact_lines"]


@dataclass(frozen=True)
class Contact:
    """A working contact between a supplier function and a customer function.

    Raises :class:`InputError` (naming the contact) if either side is not a non-empty string.
    """

    supplier: str
    customer: str

    def __post_init__(self) -> None:
        for side in (self.supplier, self.customer):
            if not isinstance(side, str) or not side.strip():
                raise InputError(
                    t(
                        "relationships.err_contact_side",
                        contact=short_repr((self.supplier, self.customer)),
                        value=short_repr(side),
                    )
                )
        object.__setattr__(self, "supplier", " ".join(self.supplier.split()))
        object.__setattr__(self, "customer", " ".join(self.customer.split()))


def contacts(items: Any) -> tuple[Contact, ...]:
    """Validate a list of contacts (supplier function, customer function).

    Parameters
    ----------
    items:
        A non-empty iterable of :class:`Contact` or 2-item pairs such as
        ``[("Key account manager", "Buyer"), ("Logistics", "Warehouse manager")]``.

    Raises
    ------
    InputError
        Empty list, an item that is not a pair, an empty or non-string name, or the
        same contact twice (case and spaces ignored); the message names the contact.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InputError(t("relationships.err_contacts_type", value=short_repr(items)))
    out: list[Contact] = []
    seen: dict[tuple[str, str], Contact] = {}
    for n, item in enumerate(items, start=1):
        if isinstance(item, Contact):
            contact = item
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            contact = Contact(item[0], item[1])
        else:
            raise InputError(t("relationships.err_contact_pair", n=n, value=short_repr(item)))
        key = (norm(contact.supplier), norm(contact.customer))
        if key in seen:
            first = seen[key]
            raise InputError(
                t(
                    "relationships.err_contact_twice",
                    supplier=contact.supplier,
                    customer=contact.customer,
                    first_supplier=first.supplier,
                    first_customer=first.customer,
                    n=n,
                )
            )
        seen[key] = contact
        out.append(contact)
    if not out:
        raise InputError(t("relationships.err_contacts_empty"))
    return tuple(out)


@dataclass(frozen=True)
class ContactStructure:
    """A classified contact structure.

    ``kind`` is ``"bow-tie"`` (one supplier function and one customer function carry
    every link), ``"diamond"`` (at least ``diamond_min_links`` parallel
    function-to-function links, i.e. links sharing no function) or ``"mixed"``
    (anything in between, e.g. one person fanning out to several counterparts).
    ``parallel_links`` is the largest number of links that share no function.
    """

    contacts: tuple[Contact, ...]
    kind: str
    supplier_functions: tuple[str, ...]
    customer_functions: tuple[str, ...]
    parallel_links: int


def _max_matching(links: tuple[Contact, ...]) -> int:
    """Largest set of links sharing no function (bipartite matching, augmenting paths)."""
    adjacency: dict[str, list[str]] = {}
    for c in links:
        adjacency.setdefault(norm(c.supplier), []).append(norm(c.customer))
    matched: dict[str, str] = {}

    def augment(node: str, visited: set[str]) -> bool:
        for other in adjacency[node]:
            if other in visited:
                continue
            visited.add(other)
            if other not in matched or augment(matched[other], visited):
                matched[other] = node
                return True
        return False

    return sum(augment(node, set()) for node in adjacency)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(norm(name), name)
    return tuple(seen.values())


def contact_structure(items: Any) -> ContactStructure:
    """Classify who talks to whom as bow-tie, diamond or mixed.

    Parameters
    ----------
    items:
        Contacts accepted by :func:`contacts`.

    Returns
    -------
    ContactStructure
        Bow-tie when a single pair of functions carries every link (typical of a basic
        relationship); diamond when several functions talk to their counterparts (at
        least ``diamond_min_links``, default 3, links sharing no function -- typical of
        interdependent relationships); mixed otherwise.

    Raises
    ------
    InputError
        As :func:`contacts`.
    """
    links = contacts(items)
    suppliers = _unique(c.supplier for c in links)
    customers = _unique(c.customer for c in links)
    parallel = _max_matching(links)
    if len(suppliers) == 1 and len(customers) == 1:
        kind = "bow-tie"
    elif parallel >= int(data().get("diamond_min_links", 3)):
        kind = "diamond"
    else:
        kind = "mixed"
    return ContactStructure(links, kind, suppliers, customers, parallel)


def coordinators(structure: ContactStructure) -> tuple[str, str]:
    """The two people who coordinate: the supplier and the customer function with the most contacts.

    On a tie, a function whose name holds one of the words of ``coordinators`` in
    ``relationships.yaml`` (a key account manager, a buyer) is preferred, then the one named
    first. A chart draws them at the tips of a diamond, or at the knot of a bow-tie.
    """
    words = data().get("coordinators") or {}

    def degree(name: str, side: str) -> int:
        return sum(norm(getattr(c, side)) == norm(name) for c in structure.contacts)

    def pick(names: tuple[str, ...], side: str) -> str:
        marks = tuple(norm(w) for w in words.get(side, ()))
        return max(names, key=lambda n: (degree(n, side), any(w in norm(n) for w in marks), -names.index(n)))

    return pick(structure.supplier_functions, "supplier"), pick(structure.customer_functions, "customer")


_SEPARATORS = ("->", "\u2192", "\u2014", "\u2013", " - ", "\t", ";", ",")


def parse_contact_lines(text: Any) -> tuple[Contact, ...]:
    """Read contacts written one per line as ``Supplier function - Customer function``.

    Parameters
    ----------
    text:
        Lines such as ``"Key account manager - Head of purchasing"``. The two sides are
        separated by `` - `` (a hyphen with spaces), ``->``, an en or em dash, a tab, ``;``
        or ``,``. Blank lines and lines starting with ``#`` are skipped. A hyphen
        without spaces belongs to the name (``"Co-development team"``).

    Returns
    -------
    tuple[Contact, ...]
        The contacts, in the order written, validated by :func:`contacts`.

    Raises
    ------
    InputError
        Text that is not a string, no contact at all, a line without a separator or with
        an empty side, or a contact written twice; the message names the line number and
        quotes the line.
    """
    if not isinstance(text, str):
        raise InputError(t("relationships.err_contact_text", value=type(text).__name__))
    pairs: list[tuple[str, str]] = []
    first_line: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for sep in _SEPARATORS:
            if sep in raw:
                supplier, _, customer = raw.partition(sep)
                break
        else:
            raise InputError(t("relationships.err_contact_line_separator", line=number, text=line))
        supplier, customer = " ".join(supplier.split()), " ".join(customer.split())
        if not supplier or not customer:
            raise InputError(
                t(
                    "relationships.err_contact_line_side",
                    line=number,
                    text=line,
                    side=t("relationships.customer_side" if supplier else "relationships.supplier_side").lower(),
                )
            )
        if "->" in customer or "\u2192" in customer or " - " in f" {customer} ":
            raise InputError(t("relationships.err_contact_line_many", line=number, text=line))
        key = (norm(supplier), norm(customer))
        if key in first_line:
            raise InputError(t("relationships.err_contact_line_twice", line=number, text=line, first=first_line[key]))
        first_line[key] = number
        pairs.append((supplier, customer))
    if not pairs:
        raise InputError(t("relationships.err_contacts_empty"))
    return contacts(pairs)
