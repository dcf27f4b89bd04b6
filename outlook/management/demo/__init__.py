"""Demo and scale data for `load_demo` and `generate_scale_data`; the levels all of it uses."""

HIGH, MEDIUM, LOW = "high", "medium", "low"
VULNERABLE, RESILIENT = "vulnerable", "resilient"
