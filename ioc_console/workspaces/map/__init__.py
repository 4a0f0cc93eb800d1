"""The GIS incident map: an offline Leaflet page in a QWebEngineView, with live layers fed by the console."""
