"""The exercise questions, one module per lesson. Importing this registers them all."""

from . import lesson00, lesson01  # noqa: F401
