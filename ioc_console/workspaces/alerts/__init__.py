"""The "Alert queues" workspace: triage of AI alerts, their detail, the funnel and public warnings."""
