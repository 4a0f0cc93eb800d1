"""The demo: Huế's demo data, seeding an empty database, the live simulator and simulated media."""
