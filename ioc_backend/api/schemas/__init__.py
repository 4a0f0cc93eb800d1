"""What the API accepts (requests), what it answers (responses) and the enumerations both use."""
