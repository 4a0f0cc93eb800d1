"""The meetings workspace: paperless meetings (agenda, documents, presenter, speakers, polls, notes, minutes)."""
