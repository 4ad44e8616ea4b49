"""Lesson 03 questions (being written)."""
