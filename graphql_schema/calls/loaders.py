"""The calls domain's DataLoaders: calls, their funders, themes, questions and criteria,
funders and programmes."""

from __future__ import annotations

from backend.calls import queries
from backend.core.auth import Actor
from backend.core.db import SessionFactory
from graphql_schema.loaders import DomainLoaders, batch_loader


class CallLoaders(DomainLoaders):
    def __init__(self, factory: SessionFactory, actor: Actor) -> None:
        super().__init__(factory, actor)
        self.call_funders = batch_loader(factory, queries.call_funders_by_call, list)
        self.call_themes = batch_loader(factory, queries.themes_by_call, list)
        self.call_questions = batch_loader(factory, queries.questions_by_call, list)
        self.call_criteria = batch_loader(factory, queries.criteria_by_call, list)
        self.funder = batch_loader(factory, queries.funders_by_id, lambda: None)
        self.programme = batch_loader(factory, queries.programmes_by_id, lambda: None)
        self.call = batch_loader(factory, queries.calls_by_id, lambda: None)
