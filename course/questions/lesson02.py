"""Lesson 02 questions (being written)."""
