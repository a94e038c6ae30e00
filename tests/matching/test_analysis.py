"""What the vocabulary reads in a text is the same whether computed now or stored and read back."""

from bot.matching.analysis import DETAILS_FACTOR, Analysis, analyse, combined, reader_version
from bot.matching.concepts import concept_index


def test_an_analysis_reads_concepts_terms_senses_and_places() -> None:
    found = analyse(concept_index(), "Rehoming a ball python", "Spain only, sorry", ("reptiles",))
    assert "python" in found.ruled_out
    assert found.places == {"ES"}
    assert found.scoped, "'only' next to a place limits the entry to it"
    assert "tag:reptiles" in found.terms


def test_details_count_less_and_tags_count_fully() -> None:
    found = analyse(
        concept_index(), "Bookkeeping for freelancers", "and some SEO on the side", ("bookkeeping",)
    )
    assert found.concepts["bookkeeping"] == 2.0
    assert found.concepts["seo"] == DETAILS_FACTOR < 1
    assert "seo" in found.in_details
    assert "bookkeep" not in found.in_details


def test_stored_and_read_back_it_is_the_same() -> None:
    found = analyse(concept_index(), "Python scripts", "UK clients only", ("python",))
    assert Analysis.from_json(found.to_json()) == found


def test_a_whole_adds_its_parts_up() -> None:
    index = concept_index()
    first, second = analyse(index, "SEO audits", "Germany only"), analyse(index, "SEO for shops", "in Spain")
    whole = combined([first, second])
    assert whole.concepts["seo"] == first.concepts["seo"] + second.concepts["seo"]
    assert whole.places == {"DE", "ES"}
    assert whole.scoped
    assert whole.terms == first.terms + second.terms


def test_the_reader_version_is_stable_within_a_release() -> None:
    assert reader_version() == reader_version()
    assert len(reader_version()) == 12
