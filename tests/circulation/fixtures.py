"""Circulation fixtures: filled by the circulation tests."""
