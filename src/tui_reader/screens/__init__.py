"""Screens pushed over the reader: help, description and related videos."""
