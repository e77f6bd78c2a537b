"""Turning results into text for people and machines; the only place (with cli) that prints."""
