"""Demo data for ``aap seed-demo`` and ``make run``, built through the real services."""
