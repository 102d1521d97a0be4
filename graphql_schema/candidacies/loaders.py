"""The candidacies domain's DataLoaders: a candidacy's consortium, invitations, answers,
budget, files and versions."""

from __future__ import annotations

from backend.candidacies import queries
from backend.core.db import SessionFactory
from graphql_schema.loaders import DomainLoaders, batch_loader


class CandidacyLoaders(DomainLoaders):
    def __init__(self, factory: SessionFactory) -> None:
        super().__init__(factory)
        self.candidacy_partners = batch_loader(factory, queries.partners_by_candidacy, list)
        self.candidacy_email_invitations = batch_loader(
            factory, queries.email_invitations_by_candidacy, list
        )
        self.candidacy_answers = batch_loader(factory, queries.answers_by_candidacy, list)
        self.candidacy_budget = batch_loader(factory, queries.budget_by_candidacy, list)
        self.candidacy_attachments = batch_loader(factory, queries.attachments_by_candidacy, list)
        self.candidacy_versions = batch_loader(factory, queries.versions_by_candidacy, list)
        self.candidacy_all_attachments = batch_loader(
            factory, queries.all_attachments_by_candidacy, list
        )
