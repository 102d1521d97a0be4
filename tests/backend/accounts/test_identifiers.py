"""Tests for backend.accounts.identifiers, on real published identifiers.

Sources of the real values:
- SIREN: INSEE Sirene stock (AP-HP 267500452, AP-HM 261300081, CHU de Bordeaux
  263305823, Hospices Civils de Lyon 266900273, CNRS 180089013, Inserm 180036048,
  La Poste 356000000).
- SIRET: AP-HP 26750045200011 (siege), CHU de Bordeaux 26330582300019, Hospices
  Civils de Lyon 26690027300019 and 26690027300183 (Esquirol), CNRS
  18008901300395 (IND-CNRS Montpellier), La Poste siege 35600000000048.
- FINESS: AP-HP EJ 750712184, Pitie-Salpetriere ET 750100125, AP-HM EJ 130786049,
  HCL EJ 690781810, CHU de Bordeaux EJ 330781196; Corsica numbers from ARS Corse
  decisions in the prefectures' Recueils des actes administratifs (2024-2025).
"""

from __future__ import annotations

import pytest

from backend.accounts.identifiers import (
    IdentifierError,
    normalise_finess,
    normalise_siren,
    normalise_siret,
    validate_registry_id,
)

# --- SIREN -------------------------------------------------------------------


@pytest.mark.parametrize(
    "siren",
    [
        pytest.param("267500452", id="ap-hp"),
        pytest.param("261300081", id="ap-hm"),
        pytest.param("263305823", id="chu-bordeaux"),
        pytest.param("266900273", id="hospices-civils-lyon"),
        pytest.param("180089013", id="cnrs"),
        pytest.param("180036048", id="inserm"),
        pytest.param("356000000", id="la-poste"),
    ],
)
def test_siren_real_public_bodies_accepted(siren: str) -> None:
    assert normalise_siren(siren) == siren


@pytest.mark.parametrize("raw", ["267 500 452", " 267.500.452 ", "267-500-452"])
def test_siren_separators_normalised(raw: str) -> None:
    assert normalise_siren(raw) == "267500452"


@pytest.mark.parametrize("raw", ["26750045", "2675004520", ""])
def test_siren_wrong_length_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="exactly 9 digits"):
        normalise_siren(raw)


def test_siren_letter_rejected() -> None:
    with pytest.raises(IdentifierError, match="only digits"):
        normalise_siren("26750045A")


def test_siren_one_digit_changed_rejected() -> None:
    with pytest.raises(IdentifierError, match="SIREN checksum"):
        normalise_siren("267500453")


def test_siren_non_ascii_digits_rejected() -> None:
    # '٢' (Arabic-Indic two) passes str.isdigit() but is not a SIREN digit.
    with pytest.raises(IdentifierError, match="only digits"):
        normalise_siren("٢67500452")


# --- SIRET -------------------------------------------------------------------


@pytest.mark.parametrize(
    "siret",
    [
        pytest.param("26750045200011", id="ap-hp-siege"),
        pytest.param("26330582300019", id="chu-bordeaux"),
        pytest.param("26690027300019", id="hospices-civils-lyon"),
        pytest.param("26690027300183", id="hcl-esquirol"),
        pytest.param("18008901300395", id="cnrs-montpellier"),
    ],
)
def test_siret_real_public_bodies_accepted(siret: str) -> None:
    assert normalise_siret(siret) == siret


@pytest.mark.parametrize(
    "raw",
    [
        "267 500 452 00011",
        "267.500.452.00011",
        "267-500-452-00011",
        "  26750045200011\n",
        "267\u00a0500\u00a0452\u00a000011",
        "267\u202f500\u202f452\u202f00011",
    ],
)
def test_siret_separators_normalised(raw: str) -> None:
    assert normalise_siret(raw) == "26750045200011"


def test_siret_la_poste_head_office_accepted_by_luhn() -> None:
    assert normalise_siret("35600000000048") == "35600000000048"


def test_siret_la_poste_establishment_accepted_by_digit_sum() -> None:
    # Fails Luhn, but its digits add up to 45, a multiple of 5.
    assert normalise_siret("356 000 000 49837") == "35600000049837"


def test_siret_la_poste_establishment_digit_sum_not_multiple_of_five_rejected() -> None:
    with pytest.raises(IdentifierError, match="SIRET checksum"):
        normalise_siret("35600000049838")


def test_siret_digit_sum_rule_other_siren_rejected() -> None:
    # Digit sum 35 would pass the La Poste rule, but AP-HP is not La Poste.
    with pytest.raises(IdentifierError, match="SIRET checksum"):
        normalise_siret("26750045200013")


@pytest.mark.parametrize("raw", ["2675004520001", "267500452000110", ""])
def test_siret_wrong_length_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="exactly 14 digits"):
        normalise_siret(raw)


@pytest.mark.parametrize("raw", ["2675004520001A", "FR26750045200011", "26750045200011/"])
def test_siret_non_digit_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="only digits"):
        normalise_siret(raw)


def test_siret_one_digit_changed_in_nic_rejected() -> None:
    with pytest.raises(IdentifierError, match="SIRET checksum"):
        normalise_siret("26750045200012")


def test_siret_one_digit_changed_in_siren_rejected() -> None:
    with pytest.raises(IdentifierError, match="SIREN"):
        normalise_siret("26750045300011")


def test_siret_luhn_valid_but_siren_invalid_rejected() -> None:
    # The 14 digits pass Luhn, but the embedded SIREN 267500453 does not.
    with pytest.raises(IdentifierError, match="SIREN"):
        normalise_siret("26750045300019")


def test_siret_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="SIRET"):
        normalise_siret("12345678901234")


# --- FINESS ------------------------------------------------------------------


@pytest.mark.parametrize(
    "finess",
    [
        pytest.param("750712184", id="ap-hp-ej"),
        pytest.param("750100125", id="pitie-salpetriere-et"),
        pytest.param("130786049", id="ap-hm-ej"),
        pytest.param("690781810", id="hospices-civils-lyon-ej"),
        pytest.param("330781196", id="chu-bordeaux-ej"),
    ],
)
def test_finess_real_establishments_accepted(finess: str) -> None:
    assert normalise_finess(finess) == finess


@pytest.mark.parametrize(
    "finess",
    [
        pytest.param("2B0000020", id="ch-bastia"),
        pytest.param("2B0005342", id="ch-calvi"),
        pytest.param("2B0004246", id="chi-corte-tattone"),
        pytest.param("2B0003628", id="ehpad-ch-bastia"),
        pytest.param("2A0000014", id="ch-ajaccio"),
        pytest.param("2A0000170", id="ch-bonifacio"),
        pytest.param("2A0000386", id="ch-castelluccio"),
        pytest.param("2A0002606", id="hl-sartene"),
    ],
)
def test_finess_real_corsica_establishments_accepted(finess: str) -> None:
    assert normalise_finess(finess) == finess


def test_finess_lower_case_corsica_upper_cased() -> None:
    assert normalise_finess("2b0000020") == "2B0000020"


@pytest.mark.parametrize("raw", ["75 071 218 4", "75.071.218.4", " 750-712-184 "])
def test_finess_separators_normalised(raw: str) -> None:
    assert normalise_finess(raw) == "750712184"


def test_finess_corsica_letter_swapped_rejected() -> None:
    # CH de Bastia's number with 2A instead of 2B: the key no longer matches.
    with pytest.raises(IdentifierError, match="check key"):
        normalise_finess("2A0000020")


def test_finess_corsica_written_as_20_rejected() -> None:
    # The key of 2B0000020 is computed on 22..., so "20" in place of "2B" fails.
    with pytest.raises(IdentifierError, match="check key"):
        normalise_finess("200000020")


@pytest.mark.parametrize("raw", ["75071218", "7507121840", ""])
def test_finess_wrong_length_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="exactly 9 characters"):
        normalise_finess(raw)


@pytest.mark.parametrize("raw", ["2C0000020", "A20000020", "7A0712184"])
def test_finess_bad_departement_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="departement code"):
        normalise_finess(raw)


@pytest.mark.parametrize("raw", ["75071218A", "2B000002B"])
def test_finess_letter_after_departement_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="only digits after"):
        normalise_finess(raw)


@pytest.mark.parametrize("raw", ["750712185", "750712814"])
def test_finess_one_digit_changed_or_swapped_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="check key"):
        normalise_finess(raw)


# --- Foreign registry id -----------------------------------------------------


@pytest.mark.parametrize(
    "registry_id",
    [
        pytest.param("HRB 719915", id="handelsregister-sap-se"),
        pytest.param("00102498", id="companies-house-bp"),
        pytest.param("CHE-109.322.551", id="swiss-uid-style"),
    ],
)
def test_registry_id_real_values_accepted(registry_id: str) -> None:
    assert validate_registry_id(registry_id) == registry_id


def test_registry_id_surrounding_whitespace_stripped() -> None:
    assert validate_registry_id("  HRB 719915\n") == "HRB 719915"


@pytest.mark.parametrize("raw", ["", "   ", "\n\t"])
def test_registry_id_empty_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="must not be empty"):
        validate_registry_id(raw)


def test_registry_id_64_characters_accepted() -> None:
    assert validate_registry_id("X" * 64) == "X" * 64


def test_registry_id_65_characters_rejected() -> None:
    with pytest.raises(IdentifierError, match="at most 64 characters, got 65"):
        validate_registry_id("X" * 65)


@pytest.mark.parametrize("raw", ["HRB\n719915", "HRB\t719915", "HRB\x00719915", "HRB\x7f1"])
def test_registry_id_control_character_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="printable"):
        validate_registry_id(raw)
