"""The exercise questions, one module per lesson. Importing this registers them all."""

from . import lesson00, lesson01, lesson02, lesson03  # noqa: F401
