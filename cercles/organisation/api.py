"""Placeholder: API being written."""


def register(router):
    return None
