"""Expected answers, one module per lesson (``lessonNN.py``), computed from data/.

Each question's wording, kind, choices, hint and praise live beside its prompt in the solution master;
``make sync`` gathers them into ``specs.json``. ``course.check`` imports these modules lazily, one by one,
for the ready lessons in ``lessons.toml``.
"""
