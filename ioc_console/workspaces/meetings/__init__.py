"""The meetings workspace: agenda, documents, presenter following, speakers, votes, conclusions and minutes."""
