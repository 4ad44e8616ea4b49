"""The exercise questions, one module per lesson. Importing this registers them all."""

from . import lesson00  # noqa: F401
