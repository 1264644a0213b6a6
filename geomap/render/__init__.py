"""Outputs: maps, GeoJSON, CSV and KML from parse results."""
