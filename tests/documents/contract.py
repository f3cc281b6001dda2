"""The contract every document type keeps, as a base class each type's test module subclasses."""

from __future__ import annotations

from typing import ClassVar

from adminduk import Registry
from adminduk.documents import DocumentType, catalogue, check, document_type
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.helpers import D, apply_for


class DocumentTypeContract:
    """The same checks over every document type, as holidays' common test base does over every
    country: each document type's test module subclasses it and sets ``kind``.
    """

    kind: ClassVar[type[DocumentType]]

    def test_names_and_basis(self) -> None:
        """Each type has a code, Indonesian and English names, a legal basis and who may apply."""
        kind = self.kind
        assert kind.code
        assert kind.name_id
        assert kind.name_en
        assert kind.legal_basis
        assert kind.who_id
        assert kind.who_en
        assert document_type(kind.code) is kind

    def test_every_requirement_is_complete(self) -> None:
        """Every requirement has an id, both messages and a citation; ids are unique per variant."""
        kind = self.kind
        for variant in kind.variants:
            requirements = kind.all_requirements(variant.code)
            ids = [r.id for r in requirements]
            assert len(ids) == len(set(ids)), variant.code
            for requirement in requirements:
                assert requirement.id.startswith(kind.code.lower().split("-")[0])
                assert requirement.message_id.strip()
                assert requirement.message_en.strip()
                assert requirement.basis.strip()
                assert requirement.satisfied_by or requirement.met is not None

    def test_every_variant_is_reachable(self, registry: Registry) -> None:
        """Each variant can be checked, and an empty form for it (no papers, no report) lists
        findings."""
        kind = self.kind
        for variant in kind.variants:
            empty = apply_for(
                kind.code, variant.code, subject=S.wife, event_date=D(2026, 1, 1), details=None
            )
            report = check(empty, registry, on=D(2026, 1, 2))
            assert (kind.code, variant.code) == (report.document, report.variant)
            assert report.findings

    def test_substitutes_stand_together(self) -> None:
        """Evidence that replaces other evidence is accepted by the same requirement."""
        kind = self.kind
        for substitute, replaced in kind.substitutes.items():
            assert any(
                substitute in r.satisfied_by and set(replaced) <= set(r.satisfied_by)
                for variant in kind.variants
                for r in kind.all_requirements(variant.code)
            )

    def test_catalogue_lists_every_variant(self) -> None:
        """The catalogue has one entry per variant, in both languages, with a service time."""
        kind = self.kind
        for lang in ("id", "en"):
            entries = [e for e in catalogue(lang).to_records() if e["document"] == kind.code]
            assert [v.code for v in kind.variants] == [e["variant"] for e in entries]
            assert all(e["service_days"] >= 1 and e["requirements"] for e in entries)
