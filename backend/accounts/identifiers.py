"""Validation of the identifiers an organisation registers with.

Every check here is offline and pure: it catches typing mistakes (a digit
dropped, two digits swapped, a FINESS pasted into the SIRET field) before we
store the value. It does not prove that the organisation exists; that would
need a call to the INSEE Sirene or FINESS registries.

Rules implemented
-----------------

SIREN (9 digits)
    The last digit is a Luhn check digit computed on the first eight.
    Source: INSEE, "SIREN" definition; python-stdnum ``stdnum/fr/siren.py``.

SIRET (14 digits: SIREN + 5-digit NIC)
    The 14 digits satisfy Luhn, and so does the SIREN (first 9 digits).
    Known exception, La Poste (SIREN 356000000): it has more establishments than
    a Luhn-checked NIC can number, so INSEE numbers them so that the *sum of the
    14 digits is a multiple of 5* instead. Its head office, 35600000000048, is
    the one La Poste SIRET that keeps an ordinary Luhn key (its digit sum is 26,
    so the sum rule would reject it).
    Source: fr.wikipedia.org "Systeme d'identification du repertoire des
    etablissements"; python-stdnum ``stdnum/fr/siret.py``, which implements the
    same exception and the same head-office carve-out.

FINESS (9 characters: 2 departement + 6 digits + 1 key)
    The departement code is two digits (``75``, ``97`` for overseas, ...) or
    ``2A``/``2B`` for Corsica. The key is a Luhn check digit computed on the
    first 8 characters. For Corsica, the letter is replaced by a digit before
    computing: ``2A`` counts as ``21`` and ``2B`` as ``22`` (A=1, B=2).
    Source: no published specification of the Corsican case was found (the
    ANS FINESS documentation only gives the format ``NN NNN NNN N``). The rule
    was established and checked against 21 FINESS numbers published by ARS Corse
    in the prefectures' Recueils des actes administratifs (RAA 2B-2024-02-015,
    2B-2024-07-003, 2A-2024-027, 2A-2024-029, 2A-2024-110, 2A-2025-178), e.g.
    CH de Bastia 2B0000020, CH de Calvi 2B0005342, CH d'Ajaccio 2A0000014,
    CH de Bonifacio 2A0000170. For every one of them, A=1 / B=2 is the only digit
    substitution that makes the key valid. Note that the NIR (social security
    number) substitution, 2A -> 19 and 2B -> 18, does NOT apply to FINESS: it
    rejects all of these real numbers.

Foreign registry id
    No common structure exists (Handelsregister "HRB 719915", Companies House
    "00102498", ...), so we only bound it: 1 to 64 printable characters once
    surrounding whitespace is stripped, no control characters.

Accepted separators
    SIREN, SIRET and FINESS are often copied from documents that group digits
    ("267 500 452 00011", "75 071 218 4"), so spaces (including the no-break
    spaces French typography uses), dots and hyphens are removed first.
"""

from __future__ import annotations

__all__ = [
    "IdentifierError",
    "compact_identifier",
    "normalise_finess",
    "normalise_siren",
    "normalise_siret",
    "validate_registry_id",
]

SIREN_LENGTH = 9
SIRET_LENGTH = 14
FINESS_LENGTH = 9
REGISTRY_ID_MAX_LENGTH = 64

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048"

_SEPARATORS = " .-\u00a0\u202f"
"""Space, dot, hyphen, no-break space and narrow no-break space."""
_SEPARATOR_TABLE = str.maketrans("", "", _SEPARATORS)
_ASCII_DIGITS = frozenset("0123456789")

_CORSICA_CHECKSUM_DIGITS = {"2A": "21", "2B": "22"}
"""How Corsican departement codes enter the FINESS Luhn key (see module docstring)."""


class IdentifierError(ValueError):
    """An identifier is malformed; the message says what is wrong, in English."""


def _compact(value: str) -> str:
    """Remove the grouping separators people type or paste around digits."""
    return value.strip().translate(_SEPARATOR_TABLE)


def compact_identifier(value: str) -> str:
    """An identifier as typed, without its grouping separators (for matching, not checking)."""
    return _compact(value)


def _is_ascii_digits(value: str) -> bool:
    """True for ASCII 0-9 only: ``str.isdigit`` would also accept '²' or '٣'."""
    return all(char in _ASCII_DIGITS for char in value)


def _luhn_is_valid(digits: str) -> bool:
    """Check the Luhn (mod 10) key, the last digit of ``digits``.

    From the right, every second digit is doubled (minus 9 when above 9) and the
    total must be a multiple of 10.
    """
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _require_digits(label: str, value: str, length: int) -> None:
    """Reject non-digits first, then a wrong length, so the message names the real problem."""
    if not _is_ascii_digits(value):
        raise IdentifierError(
            f"{label} must contain only digits 0-9 "
            f"(spaces, dots and hyphens are allowed as separators)."
        )
    if len(value) != length:
        raise IdentifierError(f"{label} must have exactly {length} digits, got {len(value)}.")


def normalise_siren(value: str) -> str:
    """Return the 9-digit SIREN, separators removed, or raise ``IdentifierError``."""
    siren = _compact(value)
    _require_digits("SIREN", siren, SIREN_LENGTH)
    if not _luhn_is_valid(siren):
        raise IdentifierError("SIREN checksum is invalid (Luhn check failed); check for a typo.")
    return siren


def _siret_checksum_is_valid(siret: str) -> bool:
    """Luhn on 14 digits, except La Poste establishments (digit sum multiple of 5)."""
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE_SIRET:
        return sum(int(char) for char in siret) % 5 == 0
    return _luhn_is_valid(siret)


def normalise_siret(value: str) -> str:
    """Return the 14-digit SIRET, separators removed, or raise ``IdentifierError``.

    The embedded SIREN is checked first: when a digit in it is wrong, saying so
    is more useful than a generic SIRET checksum error.
    """
    siret = _compact(value)
    _require_digits("SIRET", siret, SIRET_LENGTH)
    if not _luhn_is_valid(siret[:SIREN_LENGTH]):
        raise IdentifierError(
            "SIRET is invalid: its SIREN (first 9 digits) fails the Luhn check; check for a typo."
        )
    if not _siret_checksum_is_valid(siret):
        raise IdentifierError("SIRET checksum is invalid (Luhn check failed); check for a typo.")
    return siret


def _finess_checksum_digits(finess: str) -> str:
    """Turn a well-formed FINESS into the all-digit string its Luhn key is computed on."""
    departement = finess[:2]
    return _CORSICA_CHECKSUM_DIGITS.get(departement, departement) + finess[2:]


def normalise_finess(value: str) -> str:
    """Return the 9-character FINESS, upper-cased and without separators.

    Raises ``IdentifierError`` on a wrong length, a departement code that is
    neither two digits nor 2A/2B, a non-digit after it, or a wrong check key.
    """
    finess = _compact(value).upper()
    if len(finess) != FINESS_LENGTH:
        raise IdentifierError(
            f"FINESS must have exactly {FINESS_LENGTH} characters, got {len(finess)}."
        )
    departement = finess[:2]
    if not (_is_ascii_digits(departement) or departement in _CORSICA_CHECKSUM_DIGITS):
        raise IdentifierError(
            "FINESS must start with a two-digit departement code, or 2A/2B for Corsica."
        )
    if not _is_ascii_digits(finess[2:]):
        raise IdentifierError("FINESS must have only digits after the departement code.")
    if not _luhn_is_valid(_finess_checksum_digits(finess)):
        raise IdentifierError("FINESS check key is invalid (Luhn check failed); check for a typo.")
    return finess


def validate_registry_id(value: str) -> str:
    """Return a foreign registry id stripped of surrounding whitespace.

    Its format varies by country, so only the bounds are enforced: 1 to 64
    printable characters, which excludes control characters (newlines, NUL,
    tabs) that would corrupt exports and logs.
    """
    registry_id = value.strip()
    if not registry_id:
        raise IdentifierError("Registry id must not be empty.")
    if len(registry_id) > REGISTRY_ID_MAX_LENGTH:
        raise IdentifierError(
            f"Registry id must have at most {REGISTRY_ID_MAX_LENGTH} characters, "
            f"got {len(registry_id)}."
        )
    if not registry_id.isprintable():
        raise IdentifierError(
            "Registry id must contain only printable characters (no control characters)."
        )
    return registry_id
