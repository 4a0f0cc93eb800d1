"""The dashboards workspace: live KPI tiles and charts with drill-down to the records."""
