"""Jinja2 HTML, print CSS and wording of the PDFs WeasyPrint renders (see
``backend.candidacies.receipts``). A package only so that a non-editable install ships these
files beside ``backend``: nothing here is imported."""
