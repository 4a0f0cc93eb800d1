"""The GIS map workspace: a Leaflet map of the city's records, with its detail and area panels."""
