"""The map workspace."""
