"""Name resolution that the extractor and a person can both rely on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendwatch.register import UnknownAreaError, load_register, resolve

REGISTER = load_register()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Stockport Metropolitan Borough Council", "Stockport"),
        ("Cheshire East Council", "Cheshire East"),
        ("Staffordshire County Council", "Staffordshire"),
        ("London Borough of Enfield", "Enfield"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("Kingston Upon Hull, City of", "Kingston upon Hull"),
        ("Hull", "Kingston upon Hull"),
        ("Brighton and Hove Local Area Partnership", "Brighton and Hove"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("Durham", "Durham"),
        ("County Durham", "Durham"),
        ("WINDSOR & MAIDENHEAD", "Windsor and Maidenhead"),
        ("Herefordshire, County of", "Herefordshire"),
        ("E10000009", "Dorset"),
        ("st. helens", "St Helens"),
    ],
)
def test_names_as_documents_write_them(written: str, canonical: str) -> None:
    assert resolve(written).name == canonical


def test_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(UnknownAreaError) as caught:
        resolve("Stokcport")
    assert caught.value.suggestions[0] == "Stockport"
    assert "Stockport" in str(caught.value) and "sendwatch areas" in str(caught.value)


def test_register_has_153_current_areas_and_their_reorganisations() -> None:
    assert len(REGISTER.current) == 153
    west = REGISTER.by_name("West Northamptonshire")
    assert [a.name for a in REGISTER.predecessors(west)] == ["Northamptonshire"]
    cumbria = REGISTER.by_name("Cumbria")
    assert {a.name for a in REGISTER.successors(cumbria)} == {
        "Cumberland",
        "Westmorland and Furness",
    }


@given(
    st.sampled_from(REGISTER.areas),
    st.sampled_from(
        ["{}", "{} Council", "the {} local area", "{} Local Area Partnership", "{}".upper(), " {} "]
    ),
)
def test_every_canonical_name_resolves_to_itself_in_any_dress(area, dress: str) -> None:
    assert resolve(dress.format(area.name)).name == area.name


@given(st.sampled_from(REGISTER.areas))
def test_codes_and_slugs_resolve(area) -> None:
    assert resolve(area.gss_code).name == area.name
    assert REGISTER.by_slug(area.slug) == area
